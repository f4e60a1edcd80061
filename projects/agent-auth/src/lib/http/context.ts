import { HttpContextToken, type HttpRequest } from '@angular/common/http';

/** Set to `true` on a request's `HttpContext` to send it without the agent token. */
export const SKIP_AGENT_AUTH = new HttpContextToken<boolean>(() => false);

/** Set by the interceptor on every request it owns; read through `isAgentAuthOwned`. */
const AGENT_AUTH_OWNED = new HttpContextToken<boolean>(() => false);

/**
 * Marks `request` as an agent call this library handles. It mutates the request's own
 * `HttpContext`, which every clone shares, so an interceptor outside ours sees the mark too by
 * the time the response or error reaches it.
 */
export function markAgentAuthOwned(request: HttpRequest<unknown>): void {
  request.context.set(AGENT_AUTH_OWNED, true);
}

/**
 * Is `request` an agent call whose 401/403 this library handles (the failure path, the stale-401
 * rule)? For an app's own global 401 interceptor, so that exactly one of the two acts on it,
 * whatever the interceptor order: Texera's `shouldHandleAsSessionExpired` adds
 * `!isAgentAuthOwned(req) &&`. True once our interceptor has seen the request (in scope, not
 * `SKIP_AGENT_AUTH`), so a 401 we produce ourselves for a missing token is ours as well.
 */
export function isAgentAuthOwned(request: HttpRequest<unknown>): boolean {
  // `has` first: `get` alone would write the default into the request's context.
  return request.context.has(AGENT_AUTH_OWNED) && request.context.get(AGENT_AUTH_OWNED);
}
