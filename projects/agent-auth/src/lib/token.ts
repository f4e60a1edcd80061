import { jwtDecode } from 'jwt-decode';

import type { TokenResult } from './config';

/** Why there is nothing to send: no token at all (or one that cannot be read), or one past `exp`. */
export type TokenProblem = 'missing' | 'expired';

export type TokenVerdict =
  | { readonly usable: true; readonly token: string }
  | { readonly usable: false; readonly reason: TokenProblem };

/** `exp` in seconds, `null` for a token without one, MALFORMED for one that cannot be read. */
const MALFORMED = Symbol('malformed');
type DecodedExp = number | null | typeof MALFORMED;

export type JudgeToken = (raw: unknown, nowMs: number, leewaySeconds: number) => TokenVerdict;

// JWS compact form: three non-empty base64url parts. jwt-decode reads only the payload, so
// without this "header.payload" (no signature) or a token with spaces would pass as usable.
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

// Tokens rotate rarely, so a handful of entries serves every request from memory
// while a stream of junk strings cannot grow it.
const CACHE_LIMIT = 8;

/**
 * Builds a `judgeToken` with its own decode cache. The library uses the one below; `decode`
 * is a parameter only so a test can count how often decoding really happens.
 */
export function tokenJudge(decode: (token: string) => unknown = jwtDecode): JudgeToken {
  const expCache = new Map<string, DecodedExp>();

  const decodeExp = (token: string): DecodedExp => {
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
  };

  const cachedExp = (token: string): DecodedExp => {
    let exp = expCache.get(token);
    if (exp !== undefined) return exp;
    exp = decodeExp(token);
    if (expCache.size >= CACHE_LIMIT) expCache.delete(expCache.keys().next().value!);
    expCache.set(token, exp);
    return exp;
  };

  return (raw, nowMs, leewaySeconds) => {
    const token = typeof raw === 'string' ? raw.trim() : '';
    if (token === '') return { usable: false, reason: 'missing' };
    const exp = cachedExp(token);
    if (exp === MALFORMED) return { usable: false, reason: 'missing' };
    // As RFC 7519 says, a token is no longer accepted *at* `exp` (plus leeway).
    if (exp !== null && nowMs >= (exp + leewaySeconds) * 1000) {
      return { usable: false, reason: 'expired' };
    }
    return { usable: true, token };
  };
}

/**
 * Is this token worth sending? Never throws. A token without `exp` is sent and the server
 * decides; a malformed one counts as missing, since nothing could accept it.
 */
export const judgeToken: JudgeToken = tokenJudge();

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
