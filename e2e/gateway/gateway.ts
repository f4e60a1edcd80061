import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  AGENT_API_PATH,
  AUTH_PATH_PREFIX,
  isUnderPath,
  MODELS_API_PATH,
} from '../../projects/agent-service-auth/src/internal.js';
import { DEV_TOKEN_PATH, handleDevToken } from './dev-token.js';
import {
  checkRequest,
  withoutClientIdentity,
  type AuthOutcome,
  type ExtAuthzConfig,
} from './ext-authz.js';
import { BodyTooLarge } from '../../tools/test-support/read-body.js';
import { endToEndHeaders, sendJson, writeRawResponse } from './http-util.js';
import { logRequest, silent, writeLog, type LogFn } from './log.js';
import { forwardRequest, forwardUpgrade } from './proxy.js';
import { codecRefusal } from './request-checks.js';
import { API_ROOT } from './routes.js';
import { listen, type RunningServer } from '../../tools/test-support/servers.js';
import { serveStatic } from './static-files.js';

export interface GatewayOptions {
  /**
   * Origin of the access-control service: checks go to `authPathPrefix` + original path, and
   * `/api/models/**` is forwarded there as it is (the service guards it itself).
   */
  authUrl: string;
  /** Origin of the agent-service. */
  upstreamUrl: string;
  port?: number;
  /** A built SPA served for non-API paths, with index.html fallback. */
  staticDir?: string;
  /** Extra client headers sent to the auth service (Envoy Gateway `headersToExtAuth`). */
  headersToExtAuth?: string[];
  /** Deadline for one auth check; Envoy's ext_authz default is 200 ms, this stub's 2 s. */
  authTimeoutMs?: number;
  /** Envoy's `path_prefix`; Texera's SecurityPolicy uses `/api/auth`. */
  authPathPrefix?: string;
  /** Secret for `POST /dev/token`; null or absent disables the route. */
  devTokenSecret?: string | null;
  log?: LogFn;
}

/** What both handlers share: the resolved options and the connection pool. */
interface Gateway {
  authz: ExtAuthzConfig;
  upstreamUrl: string;
  staticDir?: string;
  devTokenSecret: string | null;
  log: LogFn;
  pool: Agent;
}

/** The request target's path: everything before the query. */
const pathOf = (url: string) => url.split('?', 1)[0];

function isAgentRoute(url: string): boolean {
  return isUnderPath(pathOf(url), AGENT_API_PATH);
}

/**
 * The gateway in front of the agent-service, behaving like Envoy's HTTP ext_authz filter on
 * `/api/agents/**` (REST and WebSocket upgrades); see README.md for the point-by-point list.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  // Envoy pools its connections to the ext_authz cluster and to the upstream; so does this, in
  // a pool of its own (not Node's global agent) that close() can empty. The idle timeout is the
  // global agent's: without one, Node ignores a server's Keep-Alive hint and may reuse a socket
  // the server is just closing.
  const pool = new Agent({ keepAlive: true, timeout: 5000 });
  const gateway: Gateway = {
    authz: {
      authUrl: options.authUrl,
      pathPrefix: options.authPathPrefix ?? AUTH_PATH_PREFIX,
      headersToExtAuth: options.headersToExtAuth ?? [],
      timeoutMs: options.authTimeoutMs ?? 2000,
      agent: pool,
    },
    upstreamUrl: options.upstreamUrl,
    staticDir: options.staticDir,
    devTokenSecret: options.devTokenSecret ?? null,
    log: options.log ?? silent,
    pool,
  };
  const server = createServer((req, res) => handleRequest(gateway, req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    handleUpgrade(gateway, req, socket, head),
  );
  const running = await listen(server, options.port ?? 0).catch((error: unknown) => {
    pool.destroy();
    throw error;
  });
  return {
    ...running,
    close: () => {
      pool.destroy();
      return running.close();
    },
  };
}

/**
 * One HTTP request: the dev-token route, an agent route (checked), the models route (to the
 * access-control-service, unchecked), other API paths, the SPA.
 */
async function handleRequest(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let note = '';
  logRequest(gateway.log, 'gateway', req, res, () => note);
  const url = req.url ?? '/';
  try {
    const refusal = codecRefusal(url, req.headers);
    if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
    const path = pathOf(url);
    if (path === DEV_TOKEN_PATH && gateway.devTokenSecret)
      return await handleDevToken(gateway.devTokenSecret, req, res);
    if (isAgentRoute(url)) {
      note = await checkAndForward(gateway, req, res);
      return;
    }
    // As Texera's route for the access-control-service: no ext_authz, the service checks the
    // token itself; client x-user-* are still gone (the ClientTrafficPolicy is gateway-wide).
    if (isUnderPath(path, MODELS_API_PATH)) {
      const headers = endToEndHeaders(withoutClientIdentity(req.headers));
      return forwardRequest(gateway.authz.authUrl, gateway.pool, req, res, headers);
    }
    if (isUnderPath(path, API_ROOT)) return sendJson(res, 404, { error: 'no such API route' });
    if (gateway.staticDir) return await serveStatic(gateway.staticDir, req, res);
    return sendJson(res, 404, { error: 'not found' });
  } catch (error) {
    if (res.headersSent) res.destroy();
    else if (error instanceof BodyTooLarge) sendJson(res, 413, { error: 'body too large' });
    else sendJson(res, 500, { error: 'gateway error' });
  }
}

/** The ext_authz check, then the agent-service or the denial; resolves to the log note. */
async function checkAndForward(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
  const headers = withoutClientIdentity(req.headers);
  const outcome = await checkRequest(gateway.authz, req.method ?? 'GET', req.url ?? '/', headers);
  if (!outcome.allowed) {
    deny(res, outcome);
    return outcome.note;
  }
  forwardRequest(gateway.upstreamUrl, gateway.pool, req, res, {
    ...endToEndHeaders(headers),
    ...outcome.identity,
  });
  return 'auth=200';
}

/** A WebSocket upgrade: only on agent routes, checked once before anything is forwarded. */
async function handleUpgrade(
  gateway: Gateway,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  socket.on('error', () => socket.destroy());
  const url = req.url ?? '/';
  const started = performance.now();
  const done = (status: number, note = '') =>
    writeLog(
      gateway.log,
      'gateway',
      `${req.method} ${url} ${status} ${Math.round(performance.now() - started)}ms ${note}`.trimEnd(),
    );
  const refusal = codecRefusal(url, req.headers);
  if (refusal) {
    const body = JSON.stringify({ error: refusal.error });
    writeRawResponse(socket, refusal.status, { 'content-type': 'application/json' }, body);
    return done(refusal.status);
  }
  if (!isAgentRoute(url)) {
    writeRawResponse(socket, 404, { 'content-type': 'text/plain' }, 'not found');
    return done(404);
  }
  const headers = withoutClientIdentity(req.headers);
  const outcome = await checkRequest(gateway.authz, req.method ?? 'GET', url, headers);
  if (!outcome.allowed) {
    writeRawResponse(socket, outcome.status, outcome.headers, outcome.body);
    return done(outcome.status, outcome.note);
  }
  // Upgrade and Connection are hop-by-hop but are the request here, so they stay.
  const forwarded = { ...headers, ...outcome.identity };
  forwardUpgrade(gateway.upstreamUrl, gateway.pool, req, socket, head, forwarded, (status) =>
    done(status, 'auth=200'),
  );
}

function deny(res: ServerResponse, outcome: Extract<AuthOutcome, { allowed: false }>): void {
  res.writeHead(outcome.status, { ...outcome.headers, 'content-length': outcome.body.length });
  res.end(outcome.body);
}
