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

/**
 * One request's admission from its token alone: `?access-token`, then `Authorization: Bearer`
 * (as extractAgentToken reads them; never the body, which the gateway's check never sees either).
 */
export function admitRequest(
  verifier: AgentTokenVerifier,
  request: Request,
): Promise<Admitted | Refused> {
  return admitAgentToken(
    verifier,
    extractAgentToken({ url: request.url, headers: request.headers }),
  );
}

/**
 * The key of Elysia's parsed headers, read by key rather than by name: Elysia builds
 * `context.headers` (and, when a hook hands its whole context to a function, the query, cookies
 * and body too) only for routes whose hooks name it, and the guard must not make every route pay
 * for that. When the route has the object (its handler reads headers), it gets the identity.
 */
export const CONTEXT_HEADERS = 'headers';

/**
 * An admission's effects on the context: on success the `x-user-*` headers a handler sees are
 * the token's identity, whatever the client sent; on refusal the challenge goes out with the
 * response.
 */
export function applyAdmission(
  admission: Admitted | Refused,
  set: { headers: Record<string, unknown> },
  handlerHeaders: unknown,
): void {
  if (!admission.admitted) Object.assign(set.headers, admission.headers);
  else if (handlerHeaders && typeof handlerHeaders === 'object')
    Object.assign(handlerHeaders, identityHeaders(admission.user));
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
  // Both hooks name only what they use (request, set): see CONTEXT_HEADERS.
  return new Elysia()
    .onParse({ as: 'scoped' }, async ({ request }) => {
      const admission = await admitRequest(verifier, request);
      decided.set(request, admission);
      // Any value but undefined stands in for the body, and Elysia's parsers are skipped.
      return admission.admitted ? undefined : null;
    })
    .derive({ as: 'scoped' }, async (context) => {
      const request = context.request;
      const admission = decided.get(request) ?? (await admitRequest(verifier, request));
      applyAdmission(admission, context.set, (context as Record<string, unknown>)[CONTEXT_HEADERS]);
      if (!admission.admitted) return status(admission.status, admission.body);
      const guarded: AgentAuthContext = { agentUser: admission.user, agentToken: admission.token };
      return guarded;
    });
}
