// Test-only token crafting. Signing here uses node:crypto directly, an implementation
// independent of the jose verifier under test, so it can build tokens jose would refuse to sign.
import { createHmac } from 'node:crypto';
import type { AgentTokenErrorCode } from '../src/index.js';

/** Mixed case on purpose: Texera signs with the lowercased secret. */
export const SECRET = 'Agent-Test-Secret-0123456789ABCDEF';
export const KEY = SECRET.toLowerCase();
/** A fixed clock, so expiry boundaries cannot flake. */
export const NOW_MS = 1_760_000_000_000;
export const NOW = NOW_MS / 1000;

export function b64url(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return Buffer.from(text).toString('base64url');
}

export function hmac(input: string, key: string = KEY, hash = 'sha256'): string {
  return createHmac(hash, Buffer.from(key, 'utf8')).update(input).digest('base64url');
}

/** A compact JWS over arbitrary header and payload (either may be a raw string). */
export function signRaw(
  payload: unknown,
  { header = { alg: 'HS256', typ: 'JWT' } as unknown, key = KEY, hash = 'sha256' } = {},
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${hmac(input, key, hash)}`;
}

/** Claims as Texera's JwtAuth.jwtClaims writes them, expiring 15 minutes after NOW. */
export function texeraClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'alice',
    userId: 42,
    email: 'alice@example.org',
    role: 'REGULAR',
    googleAvatar: null,
    exp: NOW + 900,
    ...overrides,
  };
}

export function without(claims: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy = { ...claims };
  delete copy[name];
  return copy;
}

/** Every code the verifier may refuse with; tests check both coverage and membership. */
export const ERROR_CODES: readonly AgentTokenErrorCode[] = [
  'missing',
  'malformed',
  'bad-signature',
  'alg',
  'expired',
  'not-yet-valid',
  'claims',
];
