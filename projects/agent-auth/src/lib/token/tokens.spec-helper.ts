// Test tokens for the library's specs. Well-formed ones are real Texera-shaped HS256 JWTs signed
// with jose; the malformed ones are built by hand, since no JWT library will produce them.
import { SignJWT } from 'jose';

const KEY = new TextEncoder().encode('agent-auth-spec-secret');

export interface TexeraClaims {
  sub?: string;
  userId?: number;
  email?: string;
  role?: 'INACTIVE' | 'RESTRICTED' | 'REGULAR' | 'ADMIN';
}

/** A signed HS256 token; `exp` in seconds, or `null` for a token without one. */
export function signedJwt(exp: number | null, claims: TexeraClaims = {}): Promise<string> {
  const jwt = new SignJWT({
    sub: 'alice',
    userId: 1,
    email: 'alice@texera.example',
    role: 'REGULAR',
    ...claims,
  }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  return (exp === null ? jwt : jwt.setExpirationTime(exp)).sign(KEY);
}

export function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** header.payload.signature from raw JSON text, for payloads jose would refuse to sign. */
export function handmadeJwt(payloadJson: string, signature = 'c2lnbmF0dXJl'): string {
  return `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(payloadJson)}.${signature}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Every place a token could leak to, flattened to text. */
export function mentions(token: string, values: readonly unknown[]): boolean {
  const payload = token.split('.')[1] ?? token;
  return values.some((value) => {
    const text =
      value instanceof Error
        ? `${value.message} ${value.stack ?? ''} ${JSON.stringify(value)}`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
    return text.includes(payload);
  });
}
