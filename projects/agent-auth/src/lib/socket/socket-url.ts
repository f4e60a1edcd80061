import type { AgentTarget } from '../url/scope';

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
