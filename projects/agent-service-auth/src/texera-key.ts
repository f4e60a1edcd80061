/**
 * The HS256 key Texera signs with: the UTF-8 bytes of the secret lowercased (not hex-decoded),
 * as Texera's AuthConfig does. The one place a secret is lowercased; shared by everything here
 * that signs or checks a token.
 */
export function texeraKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(secret.toLowerCase());
}

/**
 * The default of `auth.jwt.256-bit-secret` in Texera's auth.conf: what a Texera started without
 * AUTH_JWT_SECRET signs with. Public, so it protects nothing; fine for local development only.
 */
export const TEXERA_DEV_SECRET = '8a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d';

/** HS256 needs a key of at least 256 bits (RFC 7518 section 3.2): 32 bytes. */
const MIN_KEY_BYTES = 32;

/** Why a short secret is refused, for the messages of both places that refuse one. */
export const SHORT_SECRET_REASON =
  `shorter than ${MIN_KEY_BYTES} characters: HS256 needs a key of at least 256 bits ` +
  "(RFC 7518 section 3.2), and Texera's own default secret is 32 characters";

/**
 * Whether the key from `secret` is under 256 bits. Measured in key bytes, as the RFC does: any
 * secret refused is shorter than 32 characters, and every 32-character ASCII secret (Texera's
 * are hex) passes.
 */
export function isShortSecret(secret: string): boolean {
  return texeraKeyBytes(secret).length < MIN_KEY_BYTES;
}

/** Whether `secret` gives the same key as Texera's public development secret (any case). */
export function isTexeraDevSecret(secret: string): boolean {
  const key = texeraKeyBytes(secret);
  const dev = texeraKeyBytes(TEXERA_DEV_SECRET);
  return key.length === dev.length && key.every((byte, i) => byte === dev[i]);
}
