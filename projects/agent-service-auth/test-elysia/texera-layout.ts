// The plugin in Texera's exact layout (agent-service/src/server.ts): REST on `agentsRouter = new
// Elysia({ prefix: '/agents' })` mounted with `.group(API_PREFIX, app => app.get('/healthcheck',
// ...).use(agentsRouter))`, the react socket on the outer app with its handlers inline, the guard
// spread into them. Routes and sockets echo what the guard let them read. Hosted on Bun and on
// Node by elysia-host.ts; the factory must stay JSON-configurable. `module: 'cjs'` builds the app
// with `require('elysia')`, another copy of Elysia than the ESM one the plugin imports.
import { createRequire } from 'node:module';
import * as esm from 'elysia';
import type { ElysiaAdapter } from 'elysia/adapter';
import type { HostIO } from '../../../tools/test-support/elysia-host.js';
import {
  agentAuth,
  agentSocketClosed,
  agentSocketGuard,
  agentSocketOpened,
  type AgentSocketData,
} from '../src/elysia.js';
import { createAgentTokenVerifier } from '../src/verifier.js';

export const API_PREFIX = '/api';

export interface LayoutConfig {
  secret: string;
  module?: 'esm' | 'cjs';
}

/** Every place a handler may read the caller's claimed identity from. */
function identitySeen(headers: Record<string, string | undefined> | undefined, request: Request) {
  return {
    contextHeader: headers?.['x-user-id'] ?? null,
    requestHeader: request.headers.get('x-user-id'),
    requestName: request.headers.get('x-user-name'),
  };
}

export function createTexeraLayoutApp(
  { secret, module = 'esm' }: LayoutConfig,
  io: HostIO,
  adapter?: ElysiaAdapter,
) {
  const { Elysia, t } = (
    module === 'cjs' ? createRequire(import.meta.url)('elysia') : esm
  ) as typeof esm;
  if (module === 'cjs' && Elysia === esm.Elysia) {
    throw new Error('require("elysia") gave the ESM copy: this app would test nothing');
  }
  const verifier = createAgentTokenVerifier(secret);
  const echo = ({
    agentUser,
    agentToken,
    headers,
    request,
  }: {
    agentUser: unknown;
    agentToken: string;
    headers: Record<string, string | undefined>;
    request: Request;
  }) => ({
    method: request.method,
    user: agentUser,
    token: agentToken,
    ...identitySeen(headers, request),
  });
  const agentsRouter = new Elysia({ prefix: '/agents' })
    .use(agentAuth({ verifier }))
    .get('/', echo)
    .post('/', echo, { body: t.Object({ modelType: t.String() }) })
    .get('/:id', echo)
    .put('/:id', echo)
    .delete('/:id', echo)
    .patch('/:id/settings', echo)
    .options('/:id', echo)
    // Reads request.headers only: Elysia then builds no context.headers for this route.
    .get('/:id/raw', ({ request }) => identitySeen(undefined, request));
  return (
    new Elysia(adapter ? { adapter } : {})
      .group(API_PREFIX, (app) =>
        app.get('/healthcheck', () => ({ status: 'ok' })).use(agentsRouter),
      )
      .get('/outside', () => 'open')
      // A router used by the outer app itself: its guard must stop at it, not reach routes after it.
      .use(new Elysia({ prefix: '/direct' }).use(agentAuth({ verifier })).get('/', echo))
      .get('/after-router', () => 'open')
      // Texera's handlers, inline as in its server.ts; the guard's three lines marked "guard".
      .ws(`${API_PREFIX}/agents/:id/react`, {
        ...agentSocketGuard({ verifier }), // guard
        open(ws) {
          if (!agentSocketOpened(ws)) return; // guard
          const { agentUser, agentToken, params, headers, request } =
            ws.data as unknown as AgentSocketData;
          io.record({ opened: params['id'], readyState: ws.readyState ?? null });
          ws.send(
            JSON.stringify({
              type: 'init',
              id: params['id'],
              user: agentUser,
              tokenLength: agentToken.length,
              ...identitySeen(headers, request),
            }),
          );
        },
        message(ws, data) {
          ws.send(JSON.stringify({ type: 'echo', data }));
        },
        close(ws, code) {
          agentSocketClosed(ws); // guard
          io.record({ closed: (ws.data as unknown as AgentSocketData).params['id'], code });
        },
      })
      .ws(`${API_PREFIX}/lingering/:id/react`, {
        ...agentSocketGuard({ verifier, closeAtExpiry: false }),
        open(ws) {
          agentSocketOpened(ws);
        },
        close(ws, code) {
          agentSocketClosed(ws);
          io.record({ closed: (ws.data as unknown as AgentSocketData).params['id'], code });
        },
      })
  );
}
