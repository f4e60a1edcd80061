import { jwtDecode } from 'jwt-decode';

import type { TokenResult } from './config';

/** Why there is nothing to send: no token at all (or one that cannot be read), or one past `exp`. */
export type TokenProblem = 'missing' | 'expired';

export type TokenVerdict =
  | { readonly usable: true; readonly token: string }
  | { readonly usable: false; readonly reason: TokenProblem };

/** `exp` in seconds, `null` for a token without one, `undefined` for one that is malformed. */
type DecodedExp = number | null | undefined;

// Tokens rotate rarely, so a handful of entries serves every request from memory
// while a stream of junk strings cannot grow it.
const CACHE_LIMIT = 8;
const expCache = new Map<string, DecodedExp>();

function decodeExp(token: string): DecodedExp {
  try {
    const { exp } = jwtDecode<{ exp?: unknown }>(token);
    if (exp === undefined) return null;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

function cachedExp(token: string): DecodedExp {
  if (expCache.has(token)) return expCache.get(token);
  const exp = decodeExp(token);
  if (expCache.size >= CACHE_LIMIT) expCache.delete(expCache.keys().next().value as string);
  expCache.set(token, exp);
  return exp;
}

/**
 * Is this token worth sending? Never throws. A token without `exp` is sent and the server
 * decides; a malformed one counts as missing, since nothing could accept it.
 */
export function judgeToken(raw: unknown, nowMs: number, leewaySeconds: number): TokenVerdict {
  const token = typeof raw === 'string' ? raw.trim() : '';
  if (token === '') return { usable: false, reason: 'missing' };
  const exp = cachedExp(token);
  if (exp === undefined) return { usable: false, reason: 'missing' };
  // As RFC 7519 says, a token is no longer accepted *at* `exp` (plus leeway).
  if (exp !== null && nowMs / 1000 >= exp + leewaySeconds)
    return { usable: false, reason: 'expired' };
  return { usable: true, token };
}

function isPromiseLike(value: unknown): value is PromiseLike<TokenResult> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Calls the app's getter and keeps a sync answer sync (the hot path) while a Promise stays
 * a Promise; a getter that throws or rejects means "no token", never an error out of the library.
 */
export function readToken(
  getter: () => TokenResult | Promise<TokenResult>,
): TokenResult | Promise<TokenResult> {
  try {
    const value = getter();
    return isPromiseLike(value) ? Promise.resolve(value).catch(() => null) : value;
  } catch {
    return null;
  }
}
