import type { Route } from '@angular/router';

import { routePath } from '../url/app-path';

export type RouteKey = 'loginRoute' | 'forbiddenRoute';

/** Could this top-level route take a URL with these (decoded) path segments? */
function mayTake(route: Route, segments: readonly string[]): boolean {
  if (route.path === '**') return false;
  // A custom matcher decides at run time; assume it may.
  if (route.matcher) return true;
  const own = route.path ? route.path.split('/') : [];
  if (own.length > segments.length) return false;
  if (!own.every((part, i) => part.startsWith(':') || part === segments[i])) return false;
  if (own.length === segments.length) return true;
  // The rest of the URL is left to child routes, which a lazy route has not loaded yet.
  return route.pathMatch !== 'full' && Boolean(route.children || route.loadChildren);
}

/**
 * The configured routes (`loginRoute`, `forbiddenRoute`) that no top-level route of the app can
 * take: only a `**` catch-all would, which sends the user somewhere else and loses `returnUrl`.
 * A forbiddenRoute that is the loginRoute is named once.
 */
export function unroutedKeys(
  routes: readonly Route[],
  config: { readonly loginRoute: string; readonly forbiddenRoute: string },
): { key: RouteKey; route: string }[] {
  const keys: RouteKey[] =
    routePath(config.forbiddenRoute) === routePath(config.loginRoute)
      ? ['loginRoute']
      : ['loginRoute', 'forbiddenRoute'];
  return keys
    .map((key) => ({ key, route: config[key] }))
    .filter(({ route }) => {
      const path = routePath(route);
      const segments = path === null ? [] : path.split('/').slice(1).map(decodeURIComponent);
      return path === null || !routes.some((r) => mayTake(r, segments));
    });
}

/** The one console line for a route that leads nowhere (dev mode only). */
export function unroutedMessage(unrouted: readonly { key: RouteKey; route: string }[]): string {
  const named = unrouted.map(({ key, route }) => `${key} "${route}"`).join(' and ');
  return (
    `agent-auth: ${named} matches none of this app's routes (only a "**" catch-all would take it, ` +
    'so a refused agent call would not reach your sign-in page and returnUrl would be lost). ' +
    "Set it in provideAgentAuth() / AgentAuthModule.forRoot(); Texera's sign-in page is loginRoute: '/about'."
  );
}
