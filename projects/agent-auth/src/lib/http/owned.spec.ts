import { Injectable } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  HTTP_INTERCEPTORS,
  HttpClient,
  HttpErrorResponse,
  type HttpEvent,
  type HttpHandler,
  type HttpInterceptor,
  HttpRequest,
  provideHttpClient,
  withInterceptorsFromDi,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideLocationMocks } from '@angular/common/testing';
import { provideRouter } from '@angular/router';
import { type Observable, catchError, throwError } from 'rxjs';

import { signedJwt, nowSeconds } from '../token/tokens.spec-helper';
import { isAgentAuthOwned } from './context';
import { AgentAuthInterceptor } from './interceptor';
import { provideAgentAuth } from '../provide';

let texeraLogouts = 0;

/**
 * A model of Texera's global `UnauthorizedHttpInterceptor`: any 401 of a request that carried an
 * Authorization header logs the user out, with the one line the hand-over asks of it.
 */
@Injectable()
class TexeraUnauthorizedInterceptor implements HttpInterceptor {
  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(req).pipe(
      catchError((error: unknown) => {
        if (this.shouldHandleAsSessionExpired(req, error)) texeraLogouts++;
        return throwError(() => error);
      }),
    );
  }

  private shouldHandleAsSessionExpired(req: HttpRequest<unknown>, error: unknown): boolean {
    return (
      !isAgentAuthOwned(req) &&
      error instanceof HttpErrorResponse &&
      error.status === 401 &&
      req.headers.has('Authorization')
    );
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe("isAgentAuthOwned: one owner for an agent 401 next to the app's own 401 interceptor", () => {
  let JWT: string;
  let ROTATED: string;

  beforeAll(async () => {
    JWT = await signedJwt(nowSeconds() + 3600);
    ROTATED = await signedJwt(nowSeconds() + 7200, { sub: 'alice-again' });
  });

  for (const theirsFirst of [false, true]) {
    describe(
      theirsFirst ? "Texera's interceptor registered first" : 'ours registered first',
      () => {
        let stored: string;
        let onUnauthorized: jasmine.Spy;
        let http: HttpClient;
        let backend: HttpTestingController;

        beforeEach(() => {
          texeraLogouts = 0;
          stored = JWT;
          onUnauthorized = jasmine.createSpy('onUnauthorized');
          const ours = { provide: HTTP_INTERCEPTORS, useClass: AgentAuthInterceptor, multi: true };
          const theirs = {
            provide: HTTP_INTERCEPTORS,
            useClass: TexeraUnauthorizedInterceptor,
            multi: true,
          };
          TestBed.configureTestingModule({
            providers: [
              provideRouter([
                { path: 'login', children: [] },
                { path: '**', children: [] },
              ]),
              provideLocationMocks(),
              provideHttpClient(withInterceptorsFromDi()),
              provideHttpClientTesting(),
              provideAgentAuth({ tokenGetter: () => stored, onUnauthorized }),
              ...(theirsFirst ? [theirs, ours] : [ours, theirs]),
            ],
          });
          const order = TestBed.inject(HTTP_INTERCEPTORS).map((i) => i.constructor);
          const expected = [AgentAuthInterceptor, TexeraUnauthorizedInterceptor];
          expect(order).toEqual(theirsFirst ? expected.reverse() : expected);
          http = TestBed.inject(HttpClient);
          backend = TestBed.inject(HttpTestingController);
        });

        /** A GET with the header angular-jwt puts on every same-host call in Texera. */
        const get = (url: string, token: string) =>
          new Promise<number>((resolve) =>
            http.get(url, { headers: { Authorization: `Bearer ${token}` } }).subscribe({
              next: () => resolve(200),
              error: (error: HttpErrorResponse) => resolve(error.status),
            }),
          );

        it('an agent 401 runs our onUnauthorized once and theirs never', async () => {
          const status = get('/api/agents/a1', JWT);
          backend.expectOne('/api/agents/a1').flush(null, { status: 401, statusText: 'x' });
          expect(await status).toBe(401);
          await settle();
          expect(onUnauthorized).toHaveBeenCalledTimes(1);
          expect(texeraLogouts).toBe(0);
        });

        it('a 401 of any other call is theirs alone', async () => {
          const status = get('/api/workflow/list', JWT);
          backend.expectOne('/api/workflow/list').flush(null, { status: 401, statusText: 'x' });
          expect(await status).toBe(401);
          await settle();
          expect(texeraLogouts).toBe(1);
          expect(onUnauthorized).not.toHaveBeenCalled();
        });

        it('a 401 for a token another tab already replaced signs nobody out', async () => {
          stored = ROTATED;
          const status = get('/api/agents/a1', JWT);
          backend.expectOne('/api/agents/a1').flush(null, { status: 401, statusText: 'x' });
          await settle();
          const retry = backend.expectOne('/api/agents/a1');
          expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${ROTATED}`);
          retry.flush({});
          expect(await status).toBe(200);
          await settle();
          expect(onUnauthorized).not.toHaveBeenCalled();
          expect(texeraLogouts).toBe(0);
        });

        it('an agent call refused here for want of a token is ours too', async () => {
          stored = '';
          expect(await get('/api/agents/a1', JWT)).toBe(401);
          await settle();
          backend.expectNone('/api/agents/a1');
          expect(onUnauthorized).toHaveBeenCalledTimes(1);
          expect(texeraLogouts).toBe(0);
        });
      },
    );
  }

  it('is false for a request nobody marked, and asking writes nothing into its context', () => {
    const req = new HttpRequest('GET', '/api/agents/a1');
    expect(isAgentAuthOwned(req)).toBeFalse();
    expect([...req.context.keys()]).toEqual([]);
  });
});
