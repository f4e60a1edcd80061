// Compile-time checks, run by test/elysia-types.test.ts through tsc (never executed): the
// verified user and the token are typed in guarded handlers and socket handlers, and only there.
import { Elysia } from 'elysia';
import {
  agentAuth,
  agentSocketClosed,
  agentSocketGuard,
  agentSocketOpened,
  type AgentSocketData,
} from '../src/elysia.js';
import { createAgentTokenVerifier, loadJwtSecret, type AgentUser } from '../src/index.js';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(): T | void {}

const verifier = createAgentTokenVerifier('a-secret-of-32-characters-at-least');

const agentsRouter = new Elysia({ prefix: '/agents' })
  .use(agentAuth({ verifier }))
  .get('/', ({ agentUser, agentToken }) => {
    expectTrue<Equal<typeof agentUser, AgentUser>>();
    expectTrue<Equal<typeof agentToken, string>>();
    // @ts-expect-error the user is an AgentUser, not a string (fails if the context were any)
    const name: string = agentUser;
    return [name, agentToken];
  })
  .post('/', ({ agentUser: { uid, role }, agentUser }) => {
    expectTrue<Equal<typeof uid, number>>();
    expectTrue<Equal<typeof role, 'REGULAR' | 'ADMIN'>>();
    // A drop-in for what Texera's extractUserFromToken returned (its types/agent.ts UserInfo).
    const userInfo: TexeraUserInfo = agentUser;
    return { uid, role, userInfo };
  });

/** Texera's agent-service `UserInfo` (src/types/agent.ts), as written there. */
interface TexeraUserInfo {
  uid: number;
  name: string;
  email: string;
  role: string;
}

// The verifier Texera builds at import, its secret read on first use.
createAgentTokenVerifier(loadJwtSecret);

new Elysia({ prefix: '/other' }).use(agentAuth({ secret: 'Agent-Test-Secret-0123456789ABCDEF' }));

new Elysia()
  .group('/api', (app) =>
    app
      .get('/healthcheck', (context) => {
        // @ts-expect-error the sibling outside the router is not guarded, and knows no user
        return context.agentUser;
      })
      .use(agentsRouter),
  )
  .get('/after', (context) => {
    // @ts-expect-error the scoped guard does not leak to the outer app
    return context.agentToken;
  })
  .ws('/api/agents/:id/react', {
    ...agentSocketGuard({ verifier }),
    open(ws) {
      if (!agentSocketOpened(ws)) return;
      // @ts-expect-error Elysia still types the socket (fails if the spread made it any)
      const id: number = ws.data.params.id;
      const { agentUser, agentToken } = ws.data as unknown as AgentSocketData;
      expectTrue<Equal<typeof agentUser, AgentUser>>();
      expectTrue<Equal<typeof agentToken, string>>();
      return [id, agentUser, agentToken];
    },
    message(ws, data) {
      ws.send(JSON.stringify({ data }));
    },
    close(ws) {
      agentSocketClosed(ws);
    },
  });
