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
 * The agent API root a socket lives under, for the probe: `apiPrefix`, or the same prefix below
 * a non-root `<base href>` (`/texera/api/agents`), so the probe passes the same gateway route.
 * `target` has passed the scope check, so the prefix occurs in its path.
 */
export function apiRoot(target: URL, apiPrefix: string): string {
  const at = (target.pathname + '/').indexOf(apiPrefix + '/');
  return target.origin + target.pathname.slice(0, at + apiPrefix.length);
}
