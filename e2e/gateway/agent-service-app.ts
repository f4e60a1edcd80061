/**
 * The agent-service stub as one Elysia app in Texera's layout: REST on the guarded agentsRouter
 * inside `.group('/api', ...)` beside an open `/healthcheck`, the react socket on the outer app
 * guarded by agentSocketGuard. Built the same way on Bun and on Node (see elysia-host.ts).
 */
import { Elysia } from 'elysia';
import type { ElysiaAdapter } from 'elysia/adapter';
import { agentSocketGuard } from '../../projects/agent-service-auth/src/elysia.js';
import { createAgentTokenVerifier } from '../../projects/agent-service-auth/src/index.js';
import { agentsRouter } from './agent-routes.js';
import { AgentStore } from './agent-store.js';
import type { HostIO } from '../../tools/test-support/elysia-host.js';
import { writeLog } from './log.js';
import { reactHandlers } from './react-session.js';

export const API_PREFIX = '/api';

export interface AgentServiceConfig {
  secret: string;
  /** The socket guard's server-side close at the token's exp (default true). */
  closeAtExpiry?: boolean;
}

/** What the stub saw of one request or upgrade, for tests that look behind the gateway. */
export interface ReceivedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The caller's TCP port (0 where the runtime does not say): one port, one connection. */
  remotePort: number;
}

interface Server {
  requestIP?(request: Request): { port: number } | null;
}

function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** forEach, not iteration: the e2e tsconfig's DOM lib has no iterable Headers. */
function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}

function remotePortOf(server: Server | null, request: Request): number {
  try {
    return server?.requestIP?.(request)?.port ?? 0;
  } catch {
    // @elysiajs/node has no requestIP.
    return 0;
  }
}

export function createAgentServiceApp(
  { secret, closeAtExpiry = true }: AgentServiceConfig,
  io: HostIO,
  adapter?: ElysiaAdapter,
) {
  const verifier = createAgentTokenVerifier(secret);
  const store = new AgentStore();
  const started = new WeakMap<Request, number>();
  const log = (request: Request, status: unknown) => {
    const ms = Math.round(performance.now() - (started.get(request) ?? performance.now()));
    writeLog(
      io.log,
      'agent-service',
      `${request.method} ${pathAndQuery(request.url)} ${status} ${ms}ms`,
    );
  };
  return new Elysia(adapter ? { adapter } : {})
    .onRequest(({ request, server }) => {
      started.set(request, performance.now());
      const entry: ReceivedRequest = {
        method: request.method,
        url: pathAndQuery(request.url),
        headers: headersOf(request.headers),
        remotePort: remotePortOf(server as Server | null, request),
      };
      io.record(entry);
    })
    .onAfterResponse({ as: 'global' }, ({ request, set }) => {
      // An accepted upgrade ends its HTTP life with Elysia's default status; on the wire it was 101.
      const upgraded = request.headers.get('upgrade')?.toLowerCase() === 'websocket';
      log(request, upgraded && (set.status ?? 200) === 200 ? 101 : (set.status ?? 200));
    })
    .onError({ as: 'global' }, ({ code, set }) => {
      if (code !== 'NOT_FOUND') return;
      set.status = 404;
      return { error: 'no such route' };
    })
    .group(API_PREFIX, (app) =>
      app
        .get('/healthcheck', () => ({ status: 'ok', timestamp: new Date().toISOString() }))
        .use(agentsRouter(store, verifier)),
    )
    .ws(`${API_PREFIX}/agents/:id/react`, {
      ...agentSocketGuard({ verifier, closeAtExpiry }),
      ...reactHandlers(store),
    });
}
