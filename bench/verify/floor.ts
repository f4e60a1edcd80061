import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The least an HS256 check can do, for the bench only: split, base64url, HMAC-SHA256 compared
 * in constant time, JSON.parse, alg and exp. No error types, no claim checks beyond exp.
 */
export function floorVerifier(secret: string, clockToleranceSeconds: number) {
  const key = Buffer.from(secret.toLowerCase(), 'utf8');
  return (token: string): Record<string, unknown> => {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Error('malformed');
    const [header, payload, signature] = parts;
    const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
    const actual = Buffer.from(signature, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new Error('bad-signature');
    }
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') {
      throw new Error('alg');
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (!(Date.now() / 1000 < claims.exp + clockToleranceSeconds)) throw new Error('expired');
    return claims;
  };
}
