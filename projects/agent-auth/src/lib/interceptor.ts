import {
  DOCUMENT,
  Injectable,
  EnvironmentInjector,
  inject,
  runInInjectionContext,
} from '@angular/core';
import {
  HttpContextToken,
  HttpErrorResponse,
  HttpEvent,
  HttpHandler,
  HttpInterceptor,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { Observable, from, switchMap, tap, throwError } from 'rxjs';

import { AGENT_AUTH_CONFIG, type TokenResult } from './config';
import { AgentAuthError } from './errors';
import { AgentAuthFailures } from './failures';
import { redactToken } from './redact';
import { agentUrl, pageLocation } from './scope';
import { judgeToken, readToken } from './token';

/** Set to `true` on a request's `HttpContext` to send it without the agent token. */
export const SKIP_AGENT_AUTH = new HttpContextToken<boolean>(() => false);

/**
 * Adds `Authorization: Bearer <jwt>` to agent-service calls and nothing else. An agent call
 * without a usable token is never sent: the caller gets a 401 and the failure path runs.
 */
export const agentAuthInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(SKIP_AGENT_AUTH)) return next(req);
  const config = inject(AGENT_AUTH_CONFIG);
  if (!agentUrl(req.url, pageLocation(inject(DOCUMENT)), config)) return next(req);

  const failures = inject(AgentAuthFailures);
  const url = redactToken(req.url, config.socketTokenParam);

  const send = (raw: TokenResult): Observable<HttpEvent<unknown>> => {
    const verdict = judgeToken(raw, Date.now(), config.leewaySeconds);
    if (!verdict.usable) {
      failures.report({ status: 401, reason: verdict.reason, channel: 'http', url });
      const error = new AgentAuthError(401, verdict.reason, url);
      return throwError(
        () => new HttpErrorResponse({ status: 401, statusText: 'Unauthorized', url, error }),
      );
    }
    // A header the caller set on purpose wins; it is still this library's job to report its 401/403.
    const authed = req.headers.has(config.headerName)
      ? req
      : req.clone({ setHeaders: { [config.headerName]: `${config.authScheme} ${verdict.token}` } });
    return next(authed).pipe(
      tap({
        error: (err: unknown) => {
          if (err instanceof HttpErrorResponse && (err.status === 401 || err.status === 403)) {
            const status = err.status;
            failures.report({
              status,
              reason: status === 401 ? 'rejected' : 'forbidden',
              channel: 'http',
              url,
            });
          }
        },
      }),
    );
  };

  const token = readToken(config.tokenGetter);
  return typeof token === 'object' && token !== null
    ? from(token).pipe(switchMap(send))
    : send(token);
};

/** The class form for apps that register interceptors through `HTTP_INTERCEPTORS` (Texera). */
@Injectable()
export class AgentAuthInterceptor implements HttpInterceptor {
  private readonly injector = inject(EnvironmentInjector);

  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return runInInjectionContext(this.injector, () =>
      agentAuthInterceptor(req, (forwarded) => next.handle(forwarded)),
    );
  }
}
