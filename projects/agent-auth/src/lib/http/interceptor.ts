import { Injectable, Injector, inject } from '@angular/core';
import {
  HttpErrorResponse,
  HttpEvent,
  HttpHandler,
  HttpHandlerFn,
  HttpInterceptor,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { Observable, Subscription, from, switchMap, throwError } from 'rxjs';

import { AGENT_AUTH_CONFIG } from '../config/config';
import { SKIP_AGENT_AUTH, markAgentAuthOwned } from './context';
import { type AgentAuthFailure, AgentAuthError } from '../failures/failure';
import { AgentAuthFailures, type FailureOutcome } from '../failures/failures';
import { redactToken } from '../url/redact';
import { refusalOf } from '../failures/refusal';
import { AGENT_AUTH_PAGE } from '../url/page';
import { ScopeMemo } from '../url/scope';
import {
  type TokenVerdict,
  authorizationValue,
  currentToken,
  tokenFingerprint,
  tokenInHeader,
} from '../token/token';

/**
 * `first`: the call as the app made it. `retry`: the one repeat after a 401 for a token that
 * has since been replaced; its header is always the stored token, and its 401 is final.
 */
type Attempt = 'first' | 'retry';

/**
 * What both interceptor forms run: one per app (providers never change after the injector is
 * created), holding the config and the scope memo.
 * @internal
 */
@Injectable({ providedIn: 'root' })
export class AgentCallAuthorizer {
  private readonly config = inject(AGENT_AUTH_CONFIG);
  private readonly scope = new ScopeMemo(this.config, inject(AGENT_AUTH_PAGE));
  // The failure service is only built when something fails, so a successful call never pays.
  private readonly injector = inject(Injector);

  handle(
    req: HttpRequest<unknown>,
    next: HttpHandlerFn,
    attempt: Attempt = 'first',
  ): Observable<HttpEvent<unknown>> {
    // `has` first: `get` alone would write the default into every request's context.
    if (req.context.has(SKIP_AGENT_AUTH) && req.context.get(SKIP_AGENT_AUTH)) return next(req);
    if (!this.scope.isAgentCall(req.url)) return next(req);
    markAgentAuthOwned(req);
    const verdict = currentToken(this.config);
    return verdict instanceof Promise
      ? from(verdict).pipe(switchMap((settled) => this.send(settled, req, next, attempt)))
      : this.send(verdict, req, next, attempt);
  }

  private send(
    verdict: TokenVerdict,
    req: HttpRequest<unknown>,
    next: HttpHandlerFn,
    attempt: Attempt,
  ): Observable<HttpEvent<unknown>> {
    if (!verdict.usable) {
      // Built on subscribe, like every HttpClient error: one report per attempt.
      return throwError(() => {
        const url = this.reportedUrl(req);
        void this.report(url, { status: 401, reason: verdict.reason });
        const error = new AgentAuthError(401, verdict.reason, url);
        return new HttpErrorResponse({ status: 401, statusText: 'Unauthorized', url, error });
      });
    }
    const { headerName } = this.config;
    const existing = req.headers.get(headerName);
    // A header the caller (or angular-jwt) set wins, except on a retry: that header carried the
    // token the server just refused.
    const keepHeader = existing !== null && attempt === 'first';
    const authed = keepHeader
      ? req
      : req.clone({
          headers: req.headers.set(headerName, authorizationValue(this.config, verdict.token)),
        });
    // Hand-written rather than tap({ error }): every agent call passes here, and tap's extra
    // subscriber is a measurable share of this interceptor's cost (bench section 1).
    return new Observable<HttpEvent<unknown>>((subscriber) => {
      const subscription = new Subscription();
      subscription.add(
        next(authed).subscribe({
          next: (event) => subscriber.next(event),
          error: (err: unknown) => {
            const refusal = refusalOf(err);
            if (!refusal) return subscriber.error(err);
            // The retry's own 401 is final: reported without the stale check.
            const sent = keepHeader ? tokenInHeader(this.config, existing) : verdict.token;
            const stale = attempt === 'first' && sent !== null ? tokenFingerprint(sent) : undefined;
            // The failure path is async; only this error's way back to the caller waits on it.
            subscription.add(
              from(this.report(this.reportedUrl(req), refusal, stale))
                .pipe(
                  switchMap((outcome) =>
                    // A gateway 401 means the request never reached the service: safe to repeat.
                    outcome === 'stale' ? this.handle(req, next, 'retry') : throwError(() => err),
                  ),
                )
                .subscribe(subscriber),
            );
          },
          complete: () => subscriber.complete(),
        }),
      );
      return subscription;
    });
  }

  /** The request's URL as failures name it: any token parameter redacted. */
  private reportedUrl(req: HttpRequest<unknown>): string {
    return redactToken(req.url, this.config.tokenQueryParam);
  }

  private report(
    url: string,
    refusal: Pick<AgentAuthFailure, 'status' | 'reason'>,
    sentFingerprint?: string,
  ): Promise<FailureOutcome> {
    return this.injector
      .get(AgentAuthFailures)
      .report({ ...refusal, channel: 'http', url }, sentFingerprint);
  }
}

/**
 * Adds `Authorization: Bearer <jwt>` to agent-service calls and nothing else. An agent call
 * without a usable token is never sent: the caller gets a 401 and the failure path runs.
 */
export const agentAuthInterceptor: HttpInterceptorFn = (req, next) =>
  inject(AgentCallAuthorizer).handle(req, next);

/** The class form for apps that register interceptors through `HTTP_INTERCEPTORS` (Texera). */
@Injectable()
export class AgentAuthInterceptor implements HttpInterceptor {
  private readonly authorizer = inject(AgentCallAuthorizer);

  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return this.authorizer.handle(req, (forwarded) => next.handle(forwarded));
  }
}
