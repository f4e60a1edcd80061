import type { Elysia } from 'elysia';
import type { Admitted, Refused } from './admit.js';
import { admitRequest, refusalOf, type GuardContext } from './elysia-admission.js';
import { verifierOf, type AgentAuthOptions } from './elysia-options.js';

/** What a guarded handler finds in its context. A type, not an interface: Elysia's derive wants a record. */
export type AgentAuthContext = {
  /** The caller, from the verified token (never from `x-user-*` headers). */
  agentUser: Admitted['user'];
  /** The raw token the request presented, for delegation (Texera's `userToken`). */
  agentToken: string;
};

/** Thrown by `.use(agentAuth(...))` on an instance that already has routes. */
export class AgentAuthOrderError extends Error {
  override readonly name = 'AgentAuthOrderError';
}

/**
 * Guards every route of the Elysia instance that uses it, every method: `new Elysia({ prefix:
 * '/agents' }).use(agentAuth({ verifier }))`, before the routes. A request without a valid token
 * is answered 401 `{ error }` with `WWW-Authenticate: Bearer ...`, a role other than
 * REGULAR/ADMIN 403; otherwise the handler gets `agentUser` and `agentToken`, and every
 * `x-user-*` header it can read says the token's identity. Siblings of that instance on the outer
 * app (Texera's `/healthcheck`, the react socket) are not touched.
 *
 * A function, not an Elysia instance: `.use()` calls it with the app itself, so the hooks are
 * added by the app's own Elysia, whichever copy of the module that is (an instance of another
 * copy would be merged as if it had no hooks, and guard nothing). Hooks cover only the routes
 * added after them, so an instance that already has routes (its own, or a plugin's mounted
 * earlier) makes `.use()` throw an AgentAuthOrderError naming them, at startup.
 *
 * The decision is made before the body is read: at the parse stage for a route that reads a
 * body (a refused request's body is never parsed, so a malformed one cannot turn a 401 into a
 * 400, nor cost a parse), else at the transform stage; either way before schema validation.
 */
export function agentAuth(options: AgentAuthOptions) {
  const verifier = verifierOf(options);
  const decided = new WeakMap<Request, Admitted | Refused>();
  return (app: Elysia) => {
    refuseEarlierRoutes(app);
    // Both hooks name only what they use (request, set, status): Elysia builds the rest of the
    // context (query, cookies, body) only for hooks that ask for it.
    return app
      .onParse({ as: 'local' }, async ({ request }) => {
        const admission = await admitRequest(verifier, request);
        decided.set(request, admission);
        // Any value but undefined stands in for the body, and Elysia's parsers are skipped.
        return admission.admitted ? undefined : null;
      })
      .derive({ as: 'local' }, async (context) => {
        const { request } = context;
        const admission = decided.get(request) ?? (await admitRequest(verifier, request));
        const refusal = refusalOf(admission, context as unknown as GuardContext);
        if (refusal !== undefined || !admission.admitted) return refusal as never;
        const guarded: AgentAuthContext = {
          agentUser: admission.user,
          agentToken: admission.token,
        };
        return guarded;
      });
  };
}

function refuseEarlierRoutes(app: { routes: { method: string; path: string }[] }): void {
  if (app.routes.length === 0) return;
  const routes = app.routes.map(({ method, path }) => `${method} ${path}`).join(', ');
  throw new AgentAuthOrderError(
    `agent-service-auth: .use(agentAuth(...)) must come before the routes it guards; these ` +
      `were added earlier and would be served without a token: ${routes}`,
  );
}
