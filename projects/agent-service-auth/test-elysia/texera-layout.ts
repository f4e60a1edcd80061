// The plugin in Texera's exact layout (agent-service/src/server.ts): REST on `agentsRouter =
// new Elysia({ prefix: '/agents' })` mounted with `.group(API_PREFIX, app => app.get('/healthcheck',
// ...).use(agentsRouter))`, the react socket on the outer app. Routes echo what the guard gave
// them. Hosted on Bun and on Node by elysia-host.ts; the factory must stay JSON-configurable.
import { Elysia, t } from 'elysia';
import type { ElysiaAdapter } from 'elysia/adapter';
import type { HostIO } from '../../../e2e/gateway/elysia-host.js';
import { agentAuth, agentSocket, type AgentWS } from '../src/elysia.js';
import { createAgentTokenVerifier } from '../src/verifier.js';

export const API_PREFIX = '/api';

export interface LayoutConfig {
  secret: string;
}

export function createTexeraLayoutApp(
  { secret }: LayoutConfig,
  io: HostIO,
  adapter?: ElysiaAdapter,
) {
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
    identityHeader: headers['x-user-id'] ?? null,
  });
  const agentsRouter = new Elysia({ prefix: '/agents' })
    .use(agentAuth({ verifier }))
    .get('/', echo)
    .post('/', echo, { body: t.Object({ modelType: t.String() }) })
    .get('/:id', echo)
    .put('/:id', echo)
    .delete('/:id', echo)
    .patch('/:id/settings', echo)
    .options('/:id', echo);
  const socket = (closeAtExpiry: boolean) =>
    agentSocket({
      verifier,
      closeAtExpiry,
      open(ws: AgentWS) {
        const { agentUser, agentToken } = ws.data;
        // Texera reads the id this way.
        const id = (ws.data as { params?: { id?: string } }).params?.id;
        ws.send(
          JSON.stringify({ type: 'init', id, user: agentUser, tokenLength: agentToken.length }),
        );
      },
      message(ws: AgentWS, data: unknown) {
        ws.send(JSON.stringify({ type: 'echo', data }));
      },
      close(ws: AgentWS, code: number) {
        io.record({ closed: ws.data.params['id'], code });
      },
    });
  return (
    new Elysia(adapter ? { adapter } : {})
      .group(API_PREFIX, (app) =>
        app.get('/healthcheck', () => ({ status: 'ok' })).use(agentsRouter),
      )
      .get('/outside', () => 'open')
      // A router used by the outer app itself: its guard must stop at it, not reach routes after it.
      .use(new Elysia({ prefix: '/direct' }).use(agentAuth({ verifier })).get('/', echo))
      .get('/after-router', () => 'open')
      .ws(`${API_PREFIX}/agents/:id/react`, socket(true))
      .ws(`${API_PREFIX}/lingering/:id/react`, socket(false))
  );
}
