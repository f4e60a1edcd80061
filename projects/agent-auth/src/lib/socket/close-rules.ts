import type { AgentTarget } from '../url/scope';

/** What a socket's close means for auth: report it, ask the server with a probe, or nothing. */
export type CloseVerdict = 'rejected' | 'forbidden' | 'probe' | 'none';

/**
 * 4401 and 1008 (policy violation) are the server saying "not authenticated", 4403 "not allowed".
 * A socket that never opened was refused before the upgrade, and the browser hides the HTTP
 * status behind code 1006, so only a probe can tell an auth refusal from a network error;
 * unless the app itself closed it while it was still connecting.
 */
export function closeVerdict(code: number, opened: boolean, closedByApp: boolean): CloseVerdict {
  if (code === 4401 || code === 1008) return 'rejected';
  if (code === 4403) return 'forbidden';
  return opened || closedByApp ? 'none' : 'probe';
}

/**
 * The agent URL (already scope-checked, http: or https:) as the ws:/wss: URL a browser can open:
 * same origin security (https -> wss), no fragment (the WebSocket constructor rejects one), and
 * exactly one token parameter, form-encoded by URLSearchParams; `null` leaves no parameter at all.
 */
export function socketUrl(target: URL, param: string, token: string | null): string {
  const url = new URL(target.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  if (token === null) url.searchParams.delete(param);
  else url.searchParams.set(param, token);
  return url.href;
}

/**
 * Where the probe for a refused socket goes: the first API path, mounted where the socket's own
 * path was found (below a non-root `<base href>` when the socket was opened relative to it), so
 * the probe passes through the same gateway route.
 */
export function probeUrl(target: AgentTarget, firstApiPath: string): string {
  return target.url.origin + target.mount + firstApiPath;
}

// setTimeout's ceiling (about 24.8 days); a later deadline is reached in several waits.
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds until a token with this `exp` (plus leeway) is no longer usable; >= 0. */
export function msUntilExpiry(exp: number, leewaySeconds: number, nowMs: number): number {
  return Math.max(0, (exp + leewaySeconds) * 1000 - nowMs);
}

/**
 * Does this `storage` event mean "signed out in another tab"? The token key removed, or the
 * whole storage cleared (key null). A replaced token is not a sign-out: the next connect reads it.
 */
export function isSignOut(
  event: Pick<StorageEvent, 'key' | 'newValue'>,
  tokenKey: string,
): boolean {
  return event.key === null || (event.key === tokenKey && event.newValue === null);
}
