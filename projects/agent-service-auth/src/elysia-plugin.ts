import { Elysia, status } from 'elysia';
import { admitAgentToken, type Admitted, type Refused } from './admit.js';
import { identityHeaders } from './identity-headers.js';
import { verifierOf, type AgentAuthOptions } from './elysia-options.js';
import { extractAgentToken } from './extract.js';
import type { AgentUser } from './user.js';
import type { AgentTokenVerifier } from './verifier.js';

/** What a guarded handler finds in its context. A type, not an interface: Elysia's derive wants a record. */
export type AgentAuthContext = {
  /** The caller, from the verified token (never from `x-user-*` headers). */
  agentUser: AgentUser;
  /** The raw token the request presented, for delegation (Texera's `userToken`). */
  agentToken: string;
};

/** The parts of Elysia's context the guard reads and writes. */
interface GuardContext {
  request: Request;
  headers: Record<string, string | undefined>;
  set: { headers: Record<string, unknown> };
}

/**
 * One request's admission, Elysia side: the token from `?access-token` or `Authorization: Bearer`
 * (as extractAgentToken reads them; never the body, which the gateway's check never sees either).
 * On success the `x-user-*` headers handlers see are the token's identity, whatever the client
 * sent; on refusal the challenge goes into the response headers.
 */
export async function admitContext(
  verifier: AgentTokenVerifier,
  context: GuardContext,
): Promise<Admitted | Refused> {
  const { request } = context;
  const admission = await admitAgentToken(
    verifier,
    extractAgentToken({ url: request.url, headers: request.headers }),
  );
  if (admission.admitted) Object.assign(context.headers, identityHeaders(admission.user));
  else Object.assign(context.set.headers, admission.headers);
  return admission;
}

/**
 * Guards every route of the Elysia instance that uses it, every method: `new Elysia({ prefix:
 * '/agents' }).use(agentAuth({ verifier }))`, before the routes. A request without a valid token
 * is answered 401 `{ error }` with `WWW-Authenticate: Bearer ...`, a role other than
 * REGULAR/ADMIN 403; otherwise the handler gets `agentUser` and `agentToken`. The hooks are
 * scoped: they reach the instance that uses the plugin and stop there, so siblings on the outer
 * app (Texera's `/healthcheck`, the react socket) are not touched.
 *
 * The decision is made before the body is read: at the parse stage for a route that reads a
 * body (a refused request's body is never parsed, so a malformed one cannot turn a 401 into a
 * 400, nor cost a parse), else at the transform stage; either way before schema validation.
 */
export function agentAuth(options: AgentAuthOptions) {
  const verifier = verifierOf(options);
  const decided = new WeakMap<Request, Admitted | Refused>();
  return new Elysia()
    .onParse({ as: 'scoped' }, async (context) => {
      const admission = await admitContext(verifier, context);
      decided.set(context.request, admission);
      // Any value but undefined stands in for the body, and Elysia's parsers are skipped.
      return admission.admitted ? undefined : null;
    })
    .derive({ as: 'scoped' }, async (context) => {
      const admission = decided.get(context.request) ?? (await admitContext(verifier, context));
      if (!admission.admitted) return status(admission.status, admission.body);
      const guarded: AgentAuthContext = { agentUser: admission.user, agentToken: admission.token };
      return guarded;
    });
}
