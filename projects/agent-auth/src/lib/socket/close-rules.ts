/**
 * Pure rules for agent sockets: what a close means, when a token runs out, what a storage event
 * means. No Angular in here, so every rule is tested without TestBed.
 */
import { CLOSE_FORBIDDEN, CLOSE_POLICY_VIOLATION, CLOSE_UNAUTHENTICATED } from './close-codes';

/** What a socket's close means for auth: report it, ask the server with a probe, or nothing. */
export type CloseVerdict = 'rejected' | 'forbidden' | 'probe' | 'none';

/**
 * 4401 and 1008 are the server saying "not authenticated", 4403 "not allowed". A socket that
 * never opened was refused before the upgrade, and the browser hides the HTTP status behind
 * code 1006, so only a probe can tell an auth refusal from a network error; unless the app
 * itself closed it while it was still connecting.
 */
export function closeVerdict(code: number, opened: boolean, closedByApp: boolean): CloseVerdict {
  if (code === CLOSE_UNAUTHENTICATED || code === CLOSE_POLICY_VIOLATION) return 'rejected';
  if (code === CLOSE_FORBIDDEN) return 'forbidden';
  return opened || closedByApp ? 'none' : 'probe';
}

// setTimeout's ceiling (about 24.8 days); a later deadline is reached in several waits.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds until a token with this `exp` (plus leeway) is no longer usable; >= 0. */
export function msUntilExpiry(exp: number, leewaySeconds: number, nowMs: number): number {
  return Math.max(0, (exp + leewaySeconds) * 1000 - nowMs);
}

/**
 * Why the server refused a socket's token: `expired` when the token it was sent with had reached
 * its `exp` (plus leeway) by then (the server closes at `exp`), else `rejected`.
 */
export function refusedTokenReason(
  exp: number | null,
  leewaySeconds: number,
  nowMs: number,
): 'expired' | 'rejected' {
  return exp !== null && msUntilExpiry(exp, leewaySeconds, nowMs) === 0 ? 'expired' : 'rejected';
}

/**
 * May this `storage` event mean "signed out in another tab"? Only for the storage area the token
 * lives in (`tokenArea`; a `sessionStorage.clear()` in a same-origin frame says nothing), and
 * only for the token key removed or the whole area cleared (key null). A replaced token is not a
 * sign-out: the next connect reads it. The caller still checks that the token is now unusable.
 */
export function mayBeSignOut(
  event: Pick<StorageEvent, 'key' | 'newValue' | 'storageArea'>,
  tokenKey: string,
  tokenArea: Storage | null,
): boolean {
  if (tokenArea === null || event.storageArea !== tokenArea) return false;
  return event.key === null || (event.key === tokenKey && event.newValue === null);
}
