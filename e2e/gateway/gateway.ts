import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AGENT_API_PREFIX, AUTH_PATH_PREFIX } from '../../projects/agent-service-auth/src/index.js';
import { DEV_TOKEN_PATH, handleDevToken } from './dev-token.js';
import {
  checkRequest,
  withoutClientIdentity,
  type AuthOutcome,
  type ExtAuthzConfig,
} from './ext-authz.js';
import { BodyTooLarge, endToEndHeaders, sendJson, writeRawResponse } from './http-util.js';
import { logRequest, silent, writeLog, type LogFn } from './log.js';
import { forwardRequest, forwardUpgrade } from './proxy.js';
import { listen, type RunningServer } from './servers.js';
import { serveStatic } from './static-files.js';

export interface GatewayOptions {
  /** Origin of the access-control service; checks go to `authPathPrefix` + original path. */
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

export function isAgentRoute(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === AGENT_API_PREFIX || path.startsWith(`${AGENT_API_PREFIX}/`);
}

/**
 * The gateway in front of the agent-service, behaving like Envoy's HTTP ext_authz filter on
 * `/api/agents/**` (REST and WebSocket upgrades); see README.md for the point-by-point list.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const { upstreamUrl, staticDir, devTokenSecret = null, log = silent } = options;
  // Envoy pools its connections to the ext_authz cluster and to the upstream; so does this, in
  // a pool of its own (not Node's global agent) that close() can empty. The idle timeout is the
  // global agent's: without one, Node ignores a server's Keep-Alive hint and may reuse a socket
  // the server is just closing.
  const pool = new Agent({ keepAlive: true, timeout: 5000 });
  const authz: ExtAuthzConfig = {
    authUrl: options.authUrl,
    pathPrefix: options.authPathPrefix ?? AUTH_PATH_PREFIX,
    headersToExtAuth: options.headersToExtAuth ?? [],
    timeoutMs: options.authTimeoutMs ?? 2000,
    agent: pool,
  };

  const server = createServer(async (req, res) => {
    let note = '';
    logRequest(log, 'gateway', req, res, () => note);
    const url = req.url ?? '/';
    try {
      if (!url.startsWith('/'))
        return sendJson(res, 400, { error: 'origin-form request target expected' });
      const path = url.split('?', 1)[0];
      if (path === DEV_TOKEN_PATH && devTokenSecret)
        return await handleDevToken(devTokenSecret, req, res);
      if (isAgentRoute(url)) {
        const headers = withoutClientIdentity(req.headers);
        const outcome = await checkRequest(authz, req.method ?? 'GET', url, headers);
        note = outcome.allowed ? 'auth=200' : outcome.note;
        if (!outcome.allowed) return deny(res, outcome);
        return forwardRequest(upstreamUrl, pool, req, res, {
          ...endToEndHeaders(headers),
          ...outcome.identity,
        });
      }
      if (path === '/api' || path.startsWith('/api/'))
        return sendJson(res, 404, { error: 'no such API route' });
      if (staticDir) return await serveStatic(staticDir, req, res);
      return sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      if (res.headersSent) res.destroy();
      else if (error instanceof BodyTooLarge) sendJson(res, 413, { error: 'body too large' });
      else sendJson(res, 500, { error: 'gateway error' });
    }
  });

  server.on('upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = req.url ?? '/';
    const started = performance.now();
    const done = (status: number, note = '') =>
      writeLog(
        log,
        'gateway',
        `${req.method} ${url} ${status} ${Math.round(performance.now() - started)}ms ${note}`.trimEnd(),
      );
    if (!isAgentRoute(url)) {
      writeRawResponse(socket, 404, { 'content-type': 'text/plain' }, 'not found');
      return done(404);
    }
    const headers = withoutClientIdentity(req.headers);
    const outcome = await checkRequest(authz, req.method ?? 'GET', url, headers);
    if (!outcome.allowed) {
      writeRawResponse(socket, outcome.status, outcome.headers, outcome.body);
      return done(outcome.status, outcome.note);
    }
    // Upgrade and Connection are hop-by-hop but are the request here, so they stay.
    forwardUpgrade(
      upstreamUrl,
      pool,
      req,
      socket,
      head,
      { ...headers, ...outcome.identity },
      (status) => done(status, 'auth=200'),
    );
  });

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

function deny(res: ServerResponse, outcome: Extract<AuthOutcome, { allowed: false }>): void {
  res.writeHead(outcome.status, { ...outcome.headers, 'content-length': outcome.body.length });
  res.end(outcome.body);
}
