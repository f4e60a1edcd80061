import {
  DOCUMENT,
  EnvironmentInjector,
  ErrorHandler,
  Injectable,
  InjectionToken,
  PendingTasks,
  inject,
  runInInjectionContext,
} from '@angular/core';
import { ROUTES, Router } from '@angular/router';
import { Observable, Subject } from 'rxjs';

import { AGENT_AUTH_CONFIG } from './config';
import { isSafeReturnUrl, routePath } from './return-url';

export type AgentAuthFailureReason = 'missing' | 'expired' | 'rejected' | 'forbidden';
export type AgentAuthChannel = 'http' | 'socket';

export interface AgentAuthFailure {
  readonly status: 401 | 403;
  readonly reason: AgentAuthFailureReason;
  readonly channel: AgentAuthChannel;
  /** Token redacted (see `redactToken`). */
  readonly url: string;
}

/** What a server's 401 or 403 to an agent call means; null for every other status. */
export function refusalOf(status: number): Pick<AgentAuthFailure, 'status' | 'reason'> | null {
  if (status === 401) return { status, reason: 'rejected' };
  if (status === 403) return { status, reason: 'forbidden' };
  return null;
}

/** Where a failure sends the user: a route, and the app path to come back to when it is safe. */
export interface Redirect {
  readonly route: string;
  readonly returnUrl?: string;
}

/**
 * The decision, apart from any Angular: `here` is the app path the user is on (or heading to).
 * Null when they are already on the login or forbidden page, so that the login page's own
 * failing agent calls cannot start a redirect loop.
 */
export function redirectFor(
  status: 401 | 403,
  here: string,
  routes: { readonly loginRoute: string; readonly forbiddenRoute: string },
): Redirect | null {
  const at = routePath(here);
  if (at === routePath(routes.loginRoute) || at === routePath(routes.forbiddenRoute)) return null;
  // A 403 keeps returnUrl too: after signing in with an account that has the role (forbiddenRoute
  // defaults to the login page) the user lands back where they were.
  const route = status === 401 ? routes.loginRoute : routes.forbiddenRoute;
  return isSafeReturnUrl(here, routes.loginRoute) ? { route, returnUrl: here } : { route };
}

/**
 * The app path of `href` under `<base href>` ("/texera/dashboard?x" -> "/dashboard?x"): what
 * router.url would be. "" for a page outside the base, which no check accepts.
 */
export function appPath(href: string, baseURI: string): string {
  try {
    const dir = new URL('.', baseURI);
    const page = new URL(href);
    if (page.origin !== dir.origin || !page.pathname.startsWith(dir.pathname)) return '';
    return '/' + page.pathname.slice(dir.pathname.length) + page.search + page.hash;
  } catch {
    // An opaque base (about:blank, srcdoc) has no app path.
    return '';
  }
}

/** The absolute page URL of an app route under `<base href>`, with `returnUrl` when there is one. */
export function pageUrl(redirect: Redirect, baseURI: string): string {
  const url = new URL(redirect.route.replace(/^\/+/, ''), new URL('.', baseURI));
  if (redirect.returnUrl !== undefined) url.searchParams.set('returnUrl', redirect.returnUrl);
  return url.href;
}

/** The page as seen by an app without a Router; a token so tests can stay on Karma's page. */
export interface AgentAuthPage {
  readonly href: string;
  readonly baseURI: string;
  assign(url: string): void;
}

export const AGENT_AUTH_PAGE = new InjectionToken<AgentAuthPage>('AGENT_AUTH_PAGE', {
  providedIn: 'root',
  factory: () => {
    const doc = inject(DOCUMENT);
    return {
      get href() {
        return doc.location.href;
      },
      get baseURI() {
        return doc.baseURI;
      },
      assign: (url: string) => doc.location.assign(url),
    };
  },
});

/**
 * The one place every agent 401/403 goes, from the interceptor and the socket factory alike.
 * Every failure is emitted; the first one of a burst also runs `onUnauthorized` (401 only) and
 * the redirect, and the rest wait until that navigation has ended, been cancelled or failed.
 */
@Injectable({ providedIn: 'root' })
export class AgentAuthFailures {
  private readonly config = inject(AGENT_AUTH_CONFIG);
  // Router is providedIn 'root', so injecting it always succeeds; an app only routes when it
  // registered routes (provideRouter / RouterModule.forRoot both provide ROUTES).
  private readonly router = inject(ROUTES, { optional: true }) ? inject(Router) : null;
  private readonly page = inject(AGENT_AUTH_PAGE);
  private readonly errors = inject(ErrorHandler);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly injector = inject(EnvironmentInjector);
  private readonly events = new Subject<AgentAuthFailure>();
  private redirecting = false;
  private loggedOut = false;

  readonly failures$: Observable<AgentAuthFailure> = this.events.asObservable();

  report(failure: AgentAuthFailure): void {
    this.events.next(failure);
    if (this.redirecting) {
      // A burst that a 403 began still owes the app its logout once a 401 shows the token is bad.
      if (failure.status === 401 && !this.loggedOut) void this.logOut(failure);
      return;
    }
    const redirect = redirectFor(failure.status, this.here(), this.config);
    if (redirect === null) return;
    this.redirecting = true;
    this.loggedOut = false;
    // A pending task: SSR and `whenStable()` wait for the redirect instead of missing it.
    const done = this.pendingTasks.add();
    void this.leave(failure, redirect)
      .catch((error: unknown) => {
        // Whatever broke, the next failure must be able to redirect again.
        this.redirecting = false;
        this.errors.handleError(error);
      })
      .finally(done);
  }

  /** Runs `onUnauthorized` once per burst; its failing must not keep the user on a dead page. */
  private async logOut(failure: AgentAuthFailure): Promise<void> {
    this.loggedOut = true;
    const { onUnauthorized } = this.config;
    if (!onUnauthorized) return;
    try {
      // In an injection context, so the config can say `() => inject(UserService).logout()`.
      await runInInjectionContext(this.injector, () => onUnauthorized(failure));
    } catch (error) {
      this.errors.handleError(error);
    }
  }

  /** Where the user is, or where the app's own in-flight navigation is taking them. */
  private here(): string {
    if (this.router === null) return appPath(this.page.href, this.page.baseURI);
    const navigation = this.router.currentNavigation();
    return navigation
      ? this.router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl)
      : this.router.url;
  }

  private async leave(failure: AgentAuthFailure, redirect: Redirect): Promise<void> {
    if (failure.status === 401) await this.logOut(failure);
    if (this.router === null) {
      // The document is being replaced: nothing after this needs a second redirect.
      this.page.assign(pageUrl(redirect, this.page.baseURI));
      return;
    }
    const tree = this.router.parseUrl(redirect.route);
    if (redirect.returnUrl !== undefined) {
      tree.queryParams = { ...tree.queryParams, returnUrl: redirect.returnUrl };
    }
    try {
      await this.router.navigateByUrl(tree);
    } catch {
      // A guard or resolver on the login route threw: the app sees it as a NavigationError event.
    } finally {
      this.redirecting = false;
    }
  }
}
