import {
  EnvironmentInjector,
  ErrorHandler,
  Injectable,
  PendingTasks,
  inject,
  runInInjectionContext,
} from '@angular/core';
import { ROUTES, Router } from '@angular/router';
import { Observable, Subject } from 'rxjs';

import { appPath } from '../url/app-path';
import { AGENT_AUTH_PAGE } from '../url/page';
import { AGENT_AUTH_CONFIG } from '../config/config';
import type { AgentAuthFailure } from './failure';
import { type Redirect, redirectHref, redirectFor } from './redirect';
import { isStaleRefusal } from './stale-refusal';
import { currentToken } from '../token/token';

/**
 * What became of a reported failure. `stale`: a 401 for a token that is no longer the stored
 * one while the stored one is usable; it was emitted as `token-replaced` and nothing else
 * happened, so the caller may try again with the stored token. `handled`: the usual path.
 */
export type FailureOutcome = 'stale' | 'handled';

/**
 * `idle`: the next failure may redirect. `redirecting`: a burst is being handled and later
 * failures only emit, except that a 401 still owes the app its logout when a 403 began the burst.
 * `redirecting-logged-out`: `onUnauthorized` has run for this burst.
 */
type RedirectState = 'idle' | 'redirecting' | 'redirecting-logged-out';

/**
 * The one place every agent 401/403 goes, from the interceptor and the socket factory alike.
 * Every failure is emitted; the first one of a burst also runs `onUnauthorized` (401 only) and
 * the redirect, and the rest wait until that navigation has ended, been cancelled or failed.
 * A 401 for a token that has since been replaced by a usable one signs nobody out (see report).
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
  private state: RedirectState = 'idle';
  /** The last queued report's outcome: the next one is judged after it. Never rejects. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Queued reports not yet handled. */
  private waiting = 0;

  readonly failures$: Observable<AgentAuthFailure> = this.events.asObservable();

  /**
   * `sentFingerprint` is the fingerprint (`tokenFingerprint`) of the token the refused request or
   * socket carried, when the library knows it. With it, a 401 is first checked against the
   * stored token: every tab of an origin shares one, and signing the user out for a token they
   * have already replaced would sign out the session that replaced it too.
   *
   * Always a Promise: the failure path ends in navigation, so nothing gains from a synchronous
   * answer. Reports are judged one at a time, in the order they came: each stale check reads the
   * token stored once the reports before it were handled, so after a burst's first current 401
   * has signed the user out, a later 401 for an older token is no longer "replaced". A report
   * with no stale question and nothing ahead of it is handled at once.
   */
  report(failure: AgentAuthFailure, sentFingerprint?: string): Promise<FailureOutcome> {
    const asksStale = failure.status === 401 && sentFingerprint !== undefined;
    if (!asksStale && this.waiting === 0) return Promise.resolve(this.handle(failure));
    this.waiting++;
    // A pending task: SSR and `whenStable()` wait for the judgement (and then the redirect).
    const done = this.pendingTasks.add();
    const outcome = this.queue
      .then(() => this.judge(failure, sentFingerprint))
      .finally(() => {
        this.waiting--;
        done();
      });
    this.queue = outcome;
    return outcome;
  }

  private async judge(
    failure: AgentAuthFailure,
    sentFingerprint?: string,
  ): Promise<FailureOutcome> {
    if (failure.status === 401 && sentFingerprint !== undefined) {
      if (isStaleRefusal(sentFingerprint, await currentToken(this.config))) {
        this.events.next({ ...failure, reason: 'token-replaced' });
        return 'stale';
      }
    }
    return this.handle(failure);
  }

  private handle(failure: AgentAuthFailure): FailureOutcome {
    this.events.next(failure);
    if (failure.reason === 'token-replaced') return 'handled';
    if (this.state !== 'idle') {
      if (failure.status === 401 && this.state === 'redirecting') void this.logOut(failure);
      return 'handled';
    }
    const redirect = redirectFor(failure.status, this.currentAppPath(), this.config);
    if (redirect === null) return 'handled';
    this.state = 'redirecting';
    // A pending task: SSR and `whenStable()` wait for the redirect instead of missing it.
    const done = this.pendingTasks.add();
    void this.redirect(failure, redirect)
      .catch((error: unknown) => {
        // Whatever broke, the next failure must be able to redirect again.
        this.state = 'idle';
        this.errors.handleError(error);
      })
      .finally(done);
    return 'handled';
  }

  /** Runs `onUnauthorized` once per burst; its failing must not keep the user on a dead page. */
  private async logOut(failure: AgentAuthFailure): Promise<void> {
    this.state = 'redirecting-logged-out';
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
  private currentAppPath(): string {
    if (this.router === null) return appPath(this.page.href, this.page.baseURI);
    const navigation = this.router.currentNavigation();
    return navigation
      ? this.router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl)
      : this.router.url;
  }

  private async redirect(failure: AgentAuthFailure, redirect: Redirect): Promise<void> {
    if (failure.status === 401) await this.logOut(failure);
    if (this.router === null) {
      // The document is being replaced: nothing after this needs a second redirect.
      this.page.assign(redirectHref(redirect, this.page.baseURI));
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
      this.state = 'idle';
    }
  }
}
