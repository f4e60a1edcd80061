import {
  HttpErrorResponse,
  type HttpEvent,
  type HttpHandler,
  type HttpInterceptor,
  type HttpRequest,
} from '@angular/common/http';
import { Injectable, Injector, inject } from '@angular/core';
import { Router } from '@angular/router';
import { isAgentAuthOwned } from '@texera/agent-auth';
import { type Observable, catchError, throwError } from 'rxjs';

import { NotificationService } from '../notices/notification.service';
import { LOGIN_PATH } from '../login/login-path';
import { UserService } from './user.service';

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please log in again.';

// Texera's: a 401 from these means wrong credentials, not an ended session.
const AUTH_ENDPOINT = /\/auth\/(login|register|refresh|google\/login)(?:\?|$)/;

/**
 * Texera's rule for its global 401 handling, plus the one line an app adds for the library:
 * an agent call's 401 belongs to `@texera/agent-auth` (stale-token rule, one redirect).
 */
export function shouldHandleAsSessionExpired(req: HttpRequest<unknown>, err: unknown): boolean {
  return (
    !isAgentAuthOwned(req) &&
    err instanceof HttpErrorResponse &&
    err.status === 401 &&
    req.headers.has('Authorization') &&
    !AUTH_ENDPOINT.test(req.url)
  );
}

/**
 * Models Texera's `UnauthorizedHttpInterceptor` (registered in AppModule's `providers`, so it
 * runs inside angular-jwt and the library): any 401 of an authenticated request logs the user
 * out once per burst, says so, and goes to sign-in with `returnUrl`.
 */
@Injectable()
export class UnauthorizedHttpInterceptor implements HttpInterceptor {
  // Lazily, as Texera does: UserService may depend on HttpClient, which depends on this.
  private readonly injector = inject(Injector);
  private readonly router = inject(Router);
  private readonly notifications = inject(NotificationService);

  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(req).pipe(
      catchError((err: unknown) => {
        if (shouldHandleAsSessionExpired(req, err)) {
          const users = this.injector.get(UserService);
          if (users.isLogin()) {
            users.logout();
            this.notifications.error(SESSION_EXPIRED_MESSAGE);
            const currentUrl = this.router.url;
            void this.router.navigate([LOGIN_PATH], {
              queryParams: { returnUrl: currentUrl === '/' ? null : currentUrl },
            });
          }
        }
        return throwError(() => err);
      }),
    );
  }
}
