import { DOCUMENT, EnvironmentInjector, Injectable, inject } from '@angular/core';
import {
  HttpContextToken,
  HttpErrorResponse,
  HttpEvent,
  HttpHandler,
  HttpHandlerFn,
  HttpInterceptor,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { Observable, from, switchMap, throwError } from 'rxjs';

import { AGENT_AUTH_CONFIG, type ResolvedAgentAuthConfig } from './config';
import { AgentAuthError } from './errors';
import { type AgentAuthFailure, AgentAuthFailures, refusalOf } from './failures';
import { redactToken } from './redact';
import { ScopeMemo } from './scope';
import { judgeToken, readToken } from './token';

/** Set to `true` on a request's `HttpContext` to send it without the agent token. */
export const SKIP_AGENT_AUTH = new HttpContextToken<boolean>(() => false);

/**
 * One app's interceptor state, looked up once per injector instead of on every request: its
 * config and scope memo (providers never change after an injector is created). The failure
 * service is only looked up when something fails, so a successful call never builds it.
 */
class AgentHttp {
  private readonly config: ResolvedAgentAuthConfig;
  private readonly scope: ScopeMemo;

  constructor(private readonly injector: EnvironmentInjector) {
    this.config = injector.get(AGENT_AUTH_CONFIG);
    this.scope = new ScopeMemo(this.config, injector.get(DOCUMENT));
  }

  handle(req: HttpRequest<unknown>, next: HttpHandlerFn): Observable<HttpEvent<unknown>> {
    // `has` first: `get` alone would write the default into every request's context.
    if (req.context.has(SKIP_AGENT_AUTH) && req.context.get(SKIP_AGENT_AUTH)) return next(req);
    if (!this.scope.isAgentCall(req.url)) return next(req);
    const token = readToken(this.config.tokenGetter);
    return token instanceof Promise
      ? from(token).pipe(switchMap((raw) => this.send(raw, req, next)))
      : this.send(token, req, next);
  }

  private send(
    raw: string | null,
    req: HttpRequest<unknown>,
    next: HttpHandlerFn,
  ): Observable<HttpEvent<unknown>> {
    const { config } = this;
    const verdict = judgeToken(raw, Date.now(), config.leewaySeconds);
    if (!verdict.usable) {
      // Built on subscribe, like every HttpClient error: one report per attempt.
      return throwError(() => {
        const url = this.report(req, 401, verdict.reason);
        const error = new AgentAuthError(401, verdict.reason, url);
        return new HttpErrorResponse({ status: 401, statusText: 'Unauthorized', url, error });
      });
    }
    // A header the caller set on purpose wins; it is still this library's job to report its 401/403.
    const { headers } = req;
    // `headers: headers.set(...)` is what `setHeaders` does, without a throwaway object per call.
    const authed = headers.has(config.headerName)
      ? req
      : req.clone({
          headers: headers.set(config.headerName, `${config.authScheme} ${verdict.token}`),
        });
    // A plain forwarding Observable does what tap({ error }) would, at about half its cost.
    return new Observable<HttpEvent<unknown>>((subscriber) =>
      next(authed).subscribe({
        next: (event) => subscriber.next(event),
        error: (err: unknown) => {
          const refusal = err instanceof HttpErrorResponse ? refusalOf(err.status) : null;
          if (refusal) this.report(req, refusal.status, refusal.reason);
          subscriber.error(err);
        },
        complete: () => subscriber.complete(),
      }),
    );
  }

  /** Reports the failure and returns the redacted URL it names. */
  private report(
    req: HttpRequest<unknown>,
    status: AgentAuthFailure['status'],
    reason: AgentAuthFailure['reason'],
  ): string {
    const url = redactToken(req.url, this.config.socketTokenParam);
    this.injector.get(AgentAuthFailures).report({ status, reason, channel: 'http', url });
    return url;
  }
}

// Keyed by the environment injector HttpClient runs interceptors in: one object per app.
const apps = new WeakMap<EnvironmentInjector, AgentHttp>();

function agentHttp(injector: EnvironmentInjector): AgentHttp {
  let app = apps.get(injector);
  if (app === undefined) apps.set(injector, (app = new AgentHttp(injector)));
  return app;
}

/**
 * Adds `Authorization: Bearer <jwt>` to agent-service calls and nothing else. An agent call
 * without a usable token is never sent: the caller gets a 401 and the failure path runs.
 */
export const agentAuthInterceptor: HttpInterceptorFn = (req, next) =>
  agentHttp(inject(EnvironmentInjector)).handle(req, next);

/** The class form for apps that register interceptors through `HTTP_INTERCEPTORS` (Texera). */
@Injectable()
export class AgentAuthInterceptor implements HttpInterceptor {
  private readonly http = agentHttp(inject(EnvironmentInjector));

  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return this.http.handle(req, (forwarded) => next.handle(forwarded));
  }
}
