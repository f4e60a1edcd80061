/**
 * The HS256 key Texera signs with: the UTF-8 bytes of the secret lowercased (not hex-decoded),
 * as Texera's AuthConfig does. The one place a secret is lowercased; shared by everything here
 * that signs or checks a token.
 */
export function texeraKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(secret.toLowerCase());
}
