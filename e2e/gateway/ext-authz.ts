import { request } from 'node:http';
import type {
  Agent,
  ClientRequest,
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
} from 'node:http';
import { IDENTITY_HEADERS } from '../../projects/agent-service-auth/src/internal.js';
import { endToEndHeaders } from './http-util.js';

export interface ExtAuthzConfig {
  authUrl: string;
  /** Envoy's `path_prefix`: prepended to the original path. */
  pathPrefix: string;
  /** Extra client headers sent to the auth service (Envoy Gateway `headersToExtAuth`). */
  headersToExtAuth: string[];
  timeoutMs: number;
  /** Keep-alive pool for the checks: Envoy reuses its connections to the ext_authz cluster too. */
  agent: Agent;
}

export type AuthOutcome =
  | { allowed: true; status: 200; identity: Record<string, string> }
  | { allowed: false; status: number; headers: OutgoingHttpHeaders; body: Buffer; note: string };

type Settle = (outcome: AuthOutcome) => void;

/** Most an auth response body may be; Envoy buffers it whole too. */
const MAX_AUTH_BODY = 64 * 1024;

/** Client-sent identity claims are removed before anything else (ClientTrafficPolicy `earlyRequestHeaders.remove`). */
export function withoutClientIdentity(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.startsWith('x-user-')),
  );
}

/** What Envoy's HTTP ext_authz sends: Host, Authorization, Content-Length: 0, plus the configured extras. */
export function authRequestHeaders(
  client: IncomingHttpHeaders,
  extra: string[],
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'content-length': 0 };
  for (const name of ['host', 'authorization', ...extra.map((h) => h.toLowerCase())]) {
    const value = client[name];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/**
 * Envoy's verdict on an auth response status: exactly 200 allows; 5xx is an error (403, the
 * default `status_on_error`); any other status is the auth service's own denial and reaches the
 * client as sent.
 */
export function verdictFor(status: number): 'allow' | 'error' | 'deny' {
  if (status === 200) return 'allow';
  return status >= 500 || status < 200 ? 'error' : 'deny';
}

/** The bare 403 of `status_on_error`: nothing of the auth answer is relayed. */
function failure(note: string): AuthOutcome {
  return { allowed: false, status: 403, headers: {}, body: Buffer.alloc(0), note };
}

/**
 * One ext_authz check: same method, `pathPrefix` + original path with its query, no body.
 * Refused connections, timeouts and 5xx all come back as a bare 403.
 */
export function checkRequest(
  config: ExtAuthzConfig,
  method: string,
  path: string,
  clientHeaders: IncomingHttpHeaders,
): Promise<AuthOutcome> {
  const target = new URL(config.authUrl);
  return new Promise((resolve) => {
    let settled = false;
    const settle: Settle = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = request({
      host: target.hostname,
      port: target.port,
      method,
      // Raw concatenation, never URL resolution: `..` or `%2e` must reach the auth service as sent.
      path: config.pathPrefix + path,
      headers: authRequestHeaders(clientHeaders, config.headersToExtAuth),
      agent: config.agent,
    });
    const timer = setTimeout(() => {
      settle(failure('auth=timeout'));
      // Destroyed, never pooled: the late answer would otherwise arrive on the next check.
      req.destroy();
    }, config.timeoutMs);
    req.on('error', () => settle(failure('auth=unreachable')));
    req.on('response', (res) => readAuthResponse(req, res, settle));
    req.end();
  });
}

/** Reads the auth service's answer (at most MAX_AUTH_BODY) into an outcome. */
function readAuthResponse(req: ClientRequest, res: IncomingMessage, settle: Settle): void {
  const status = res.statusCode ?? 0;
  const verdict = verdictFor(status);
  if (verdict === 'error') {
    res.resume();
    return settle(failure(`auth=${status}`));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_AUTH_BODY) {
      settle(failure('auth=oversized'));
      req.destroy();
    } else chunks.push(chunk);
  });
  res.on('error', () => settle(failure('auth=broken')));
  res.on('end', () =>
    settle(
      verdict === 'allow'
        ? { allowed: true, status: 200, identity: identityOf(res.headers) }
        : denial(status, res.headers, Buffer.concat(chunks)),
    ),
  );
}

/** The `headersToBackend` the auth service set; nothing else of its answer is copied. */
function identityOf(headers: IncomingHttpHeaders): Record<string, string> {
  const identity: Record<string, string> = {};
  for (const name of IDENTITY_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') identity[name] = value;
  }
  return identity;
}

/** The auth service's own denial, relayed as sent. */
function denial(status: number, headers: IncomingHttpHeaders, body: Buffer): AuthOutcome {
  return {
    allowed: false,
    status,
    // Without allowed_client_headers, Envoy relays every auth response header except Host.
    headers: endToEndHeaders(headers, (name) => name === 'host' || name === 'content-length'),
    body,
    note: `auth=${status}`,
  };
}
