import type { IncomingHttpHeaders } from 'node:http';

/** A request Envoy refuses before any route or filter sees it (so before any ext_authz check). */
export interface CodecRefusal {
  status: 400 | 501;
  error: string;
}

/**
 * What Envoy's HTTP connection manager refuses as it reads a request, whatever the route:
 * - a target that is not origin-form (`/path?query`): this gateway is no forward proxy;
 * - a `#` anywhere in the target, with 400: a fragment is not part of a request target (RFC 9112
 *   section 3.2) and Envoy rejects it since 1.17.4 / 1.19.1 (`http_reject_path_with_fragment`,
 *   https://envoyproxy.io/docs/envoy/latest/version_history/v1.17/v1.17.4). Forwarded raw, it
 *   would let `/api/agents/#/../../x` pass a decision that cuts the path at `#`;
 * - a transfer-coding other than `chunked`, with 501: Envoy's HTTP/1 codec rejects codings it
 *   does not implement (RFC 9112 section 6.1), and the body is forwarded re-framed as chunked,
 *   which would silently drop any other coding.
 */
export function codecRefusal(url: string, headers: IncomingHttpHeaders): CodecRefusal | null {
  if (!url.startsWith('/')) return { status: 400, error: 'origin-form request target expected' };
  if (url.includes('#')) return { status: 400, error: 'a request target has no fragment' };
  const coding = headers['transfer-encoding'];
  if (coding !== undefined && coding.trim().toLowerCase() !== 'chunked') {
    return { status: 501, error: 'only the chunked transfer-coding is supported' };
  }
  return null;
}
