import { jwtDecode } from 'jwt-decode';

import { BoundedMap } from '../bounded-map';
import type { ResolvedAgentAuthConfig, TokenResult } from '../config/config';
import type { TokenProblem } from '../failures/failure';

export type TokenVerdict =
  /** `exp` in seconds since the epoch; null for a token without one. */
  | { readonly usable: true; readonly token: string; readonly exp: number | null }
  | { readonly usable: false; readonly reason: TokenProblem };

export type UsableToken = Extract<TokenVerdict, { usable: true }>;

/** Is this token worth sending at `nowMs`? Never throws. */
export type TokenAssessor = (raw: unknown, nowMs: number, leewaySeconds: number) => TokenVerdict;

/** `exp` in seconds, `null` for a token without one, MALFORMED for one that cannot be read. */
const MALFORMED = Symbol('malformed');
type DecodedExp = number | null | typeof MALFORMED;

// JWS compact form: three non-empty base64url parts. jwt-decode reads only the payload, so
// without this "header.payload" (no signature) or a token with spaces would pass as usable.
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

// Tokens rotate rarely, so a handful of entries serves every request from memory.
const DECODED_LIMIT = 8;

function decodeExp(token: string, decode: (token: string) => unknown): DecodedExp {
  if (!COMPACT_JWS.test(token)) return MALFORMED;
  let claims: unknown;
  try {
    claims = decode(token);
  } catch {
    return MALFORMED;
  }
  // A payload that is JSON but not an object ("123", "[]", "null") is no claims set.
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return MALFORMED;
  const { exp } = claims as { exp?: unknown };
  if (exp === undefined) return null;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : MALFORMED;
}

/**
 * An assessor with its own decode memo. The library uses `assessToken` below; `decode` is a
 * parameter only so a test can count how often decoding really happens.
 */
export function createTokenAssessor(
  /** @internal for tests */
  decode: (token: string) => unknown = jwtDecode,
): TokenAssessor {
  const decoded = new BoundedMap<string, DecodedExp>(DECODED_LIMIT);
  return (raw, nowMs, leewaySeconds) => {
    const token = typeof raw === 'string' ? raw.trim() : '';
    if (token === '') return { usable: false, reason: 'missing' };
    let exp = decoded.get(token);
    if (exp === undefined) decoded.set(token, (exp = decodeExp(token, decode)));
    // Nothing could accept a token that cannot be read: to the app it is as good as none.
    if (exp === MALFORMED) return { usable: false, reason: 'missing' };
    // As RFC 7519 says, a token is no longer accepted *at* `exp` (plus leeway).
    if (exp !== null && nowMs >= (exp + leewaySeconds) * 1000) {
      return { usable: false, reason: 'expired' };
    }
    return { usable: true, token, exp };
  };
}

/**
 * The library's assessor. A token without `exp` is sent and the server decides; a malformed
 * one counts as missing.
 */
export const assessToken: TokenAssessor = createTokenAssessor();

/**
 * Calls the app's getter and keeps a sync answer sync (the hot path) while a Promise (or any
 * thenable) becomes a Promise that never rejects. A getter that throws or rejects means "no
 * token", and so does anything that is not a string: never an error out of the library.
 */
export function readToken(
  getter: () => TokenResult | Promise<TokenResult>,
): string | null | Promise<string | null> {
  try {
    const value: unknown = getter();
    if (typeof value === 'string') return value;
    if (typeof (value as PromiseLike<unknown> | null)?.then === 'function') {
      return Promise.resolve(value).then(
        (resolved) => (typeof resolved === 'string' ? resolved : null),
        () => null,
      );
    }
    return null;
  } catch {
    return null;
  }
}

type TokenConfig = Pick<ResolvedAgentAuthConfig, 'tokenGetter' | 'leewaySeconds'>;

/**
 * The app's token right now, read fresh and assessed: synchronous when the getter is (every
 * request pays for this), a Promise when it is async, assessed at the moment it arrives.
 */
export function currentToken(config: TokenConfig): TokenVerdict | Promise<TokenVerdict> {
  return whenSettled(readToken(config.tokenGetter), (token) =>
    assessToken(token, Date.now(), config.leewaySeconds),
  );
}

/**
 * `fn` applied to `value` now when it is there, or once a Promise of it settles. Only
 * `currentToken` uses it: the interceptor's hot path and `open()`/`url()` need a synchronous
 * token when the getter is synchronous. Everything after a refusal is plain async.
 */
export function whenSettled<T, R>(
  value: T | Promise<T>,
  fn: (settled: T) => R | Promise<R>,
): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/**
 * A short, stable stand-in for a token, so that a failure can remember which token it was
 * about without holding the token itself: two 32-bit multiplicative lanes with a final mix
 * (cyrb53's construction). Not a secret and not a MAC: it only has to tell "the token this was
 * sent with" from "the token stored now".
 */
export function tokenFingerprint(token: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h2) + hex(h1);
}

/** The header value that carries `token`: `Bearer <jwt>` with the default scheme. */
export function authorizationValue(
  config: Pick<ResolvedAgentAuthConfig, 'authScheme'>,
  token: string,
): string {
  return `${config.authScheme} ${token}`;
}

/** The token in `header` when it is `<scheme> <token>` (a header someone else set), else null. */
export function tokenInHeader(
  config: Pick<ResolvedAgentAuthConfig, 'authScheme'>,
  header: string | null,
): string | null {
  const prefix = `${config.authScheme} `;
  return header !== null && header.startsWith(prefix) ? header.slice(prefix.length).trim() : null;
}
