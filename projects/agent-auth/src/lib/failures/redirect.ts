/**
 * Pure rules for where a failure sends the user. No Angular service in here, so every rule is
 * tested without TestBed.
 */
import { isSameRoute } from '../url/app-path';
import type { AgentAuthStatus } from './failure';
import { isSafeReturnUrl, withoutTokenParams } from '../url/return-url';

/** Where a failure sends the user: a route, and the app path to come back to when it is safe. */
export interface Redirect {
  readonly route: string;
  readonly returnUrl?: string;
}

/**
 * The decision, apart from any Angular: `current` is the app path the user is on (or heading
 * to). Null when they are already on the login or forbidden page, so that the login page's own
 * failing agent calls cannot start a redirect loop. The return URL never carries a token.
 */
export function redirectFor(
  status: AgentAuthStatus,
  current: string,
  routes: {
    readonly loginRoute: string;
    readonly forbiddenRoute: string;
    readonly tokenQueryParam: string;
  },
): Redirect | null {
  if (isSameRoute(current, routes.loginRoute) || isSameRoute(current, routes.forbiddenRoute)) {
    return null;
  }
  // A 403 keeps returnUrl too: after signing in with an account that has the role (forbiddenRoute
  // defaults to the login page) the user lands back where they were.
  const route = status === 401 ? routes.loginRoute : routes.forbiddenRoute;
  const returnUrl = withoutTokenParams(current, routes.tokenQueryParam);
  return isSafeReturnUrl(returnUrl, routes.loginRoute) ? { route, returnUrl } : { route };
}

/** The absolute page URL of an app route under `<base href>`, with `returnUrl` when there is one. */
export function redirectHref(redirect: Redirect, baseURI: string): string {
  const url = new URL(redirect.route.replace(/^\/+/, ''), new URL('.', baseURI));
  if (redirect.returnUrl !== undefined) url.searchParams.set('returnUrl', redirect.returnUrl);
  return url.href;
}
