import { provideLocationMocks } from '@angular/common/testing';
import {
  HTTP_INTERCEPTORS,
  HttpClient,
  HttpHeaders,
  provideHttpClient,
  withInterceptorsFromDi,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, type Provider, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { type AgentAuthFailure, AgentAuthFailures, AgentAuthInterceptor } from '@texera/agent-auth';
import {
  AgentAuthTestingToken,
  provideAgentAuthTesting,
  testToken,
} from '@texera/agent-auth/testing';
import { firstValueFrom } from 'rxjs';

import { routes } from '../app.routes';
import { NotificationService } from '../notices/notification.service';
import { ACCESS_TOKEN_KEY } from './access-token';
import {
  SESSION_EXPIRED_MESSAGE,
  UnauthorizedHttpInterceptor,
} from './unauthorized-http-interceptor';
import { UserService } from './user.service';

// Texera's global 401 interceptor next to the library: exactly one of the two owns a 401,
// whichever of them runs first.
const TOKEN = testToken({ sub: 'alice', role: 'REGULAR' });
const REPLACEMENT = testToken({ sub: 'alice', role: 'REGULAR', userId: 2 });
const APP_INTERCEPTOR: Provider = {
  provide: HTTP_INTERCEPTORS,
  useClass: UnauthorizedHttpInterceptor,
  multi: true,
};
const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

const LIBRARY_INTERCEPTOR: Provider = {
  provide: HTTP_INTERCEPTORS,
  useClass: AgentAuthInterceptor,
  multi: true,
};

// The first interceptor listed is the outermost. AppModule's (and Texera's) order: imported
// modules' interceptors (the library's forRoot) first, the app's own providers after.
const ORDERS = {
  'library outermost': [LIBRARY_INTERCEPTOR, APP_INTERCEPTOR],
  'app interceptor outermost': [APP_INTERCEPTOR, LIBRARY_INTERCEPTOR],
};

for (const [order, interceptors] of Object.entries(ORDERS)) {
  describe(`UnauthorizedHttpInterceptor and the library (${order})`, () => {
    let http: HttpClient;
    let backend: HttpTestingController;
    let users: UserService;
    let appErrors: NotificationService;
    let failures: AgentAuthFailure[];

    beforeEach(() => {
      localStorage.setItem(ACCESS_TOKEN_KEY, TOKEN);
      TestBed.configureTestingModule({
        providers: [
          ...interceptors,
          provideHttpClient(withInterceptorsFromDi()),
          provideHttpClientTesting(),
          provideRouter(routes),
          provideLocationMocks(),
          provideAgentAuthTesting({
            token: TOKEN,
            onUnauthorized: () => inject(UserService).logout(),
          }),
        ],
      });
      http = TestBed.inject(HttpClient);
      backend = TestBed.inject(HttpTestingController);
      users = TestBed.inject(UserService);
      appErrors = TestBed.inject(NotificationService);
      failures = [];
      TestBed.inject(AgentAuthFailures).failures$.subscribe((failure) => failures.push(failure));
    });

    afterEach(() => {
      backend.verify();
      localStorage.removeItem(ACCESS_TOKEN_KEY);
    });

    /** An authenticated call of Texera's own backend, as angular-jwt would send it. */
    function appCall(): Promise<unknown> {
      const headers = new HttpHeaders({ Authorization: `Bearer ${TOKEN}` });
      return firstValueFrom(http.get('/api/workflow/list', { headers })).catch((e: unknown) => e);
    }

    it("a 401 of the app's own API is the app's: one logout, its message, sign-in with returnUrl", async () => {
      await TestBed.inject(Router).navigateByUrl('/agents?tab=2');
      const calls = [appCall(), appCall(), appCall()];
      for (const request of backend.match('/api/workflow/list')) request.flush(null, UNAUTHORIZED);
      await Promise.all(calls);
      await TestBed.inject(ApplicationRef).whenStable();

      expect(users.logouts()).toBe(1);
      expect(appErrors.errors()).toEqual([{ text: SESSION_EXPIRED_MESSAGE, count: 1 }]);
      expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fagents%3Ftab%3D2');
      expect(failures).toEqual([]);
    });

    it("an agent call's 401 is the library's alone: onUnauthorized once, no message of the app's", async () => {
      const calls = [1, 2, 3].map(() =>
        firstValueFrom(http.get('/api/agents')).catch((e: unknown) => e),
      );
      for (const request of backend.match('/api/agents')) request.flush(null, UNAUTHORIZED);
      await Promise.all(calls);
      await TestBed.inject(ApplicationRef).whenStable();

      expect(failures.map((f) => `${f.status} ${f.reason} ${f.channel}`)).toEqual([
        '401 rejected http',
        '401 rejected http',
        '401 rejected http',
      ]);
      expect(users.logouts()).toBe(1);
      expect(appErrors.errors()).toEqual([]);
      expect(TestBed.inject(Router).url).toMatch(/^\/login\?returnUrl=/);
    });

    it('a stale 401 (the token was replaced meanwhile) signs nobody out: retried with the new token', async () => {
      const call = firstValueFrom(http.get('/api/agents'));
      const first = backend.expectOne('/api/agents');
      // Another tab signs in again while the call is in flight.
      TestBed.inject(AgentAuthTestingToken).set(REPLACEMENT);
      localStorage.setItem(ACCESS_TOKEN_KEY, REPLACEMENT);
      first.flush(null, UNAUTHORIZED);
      // The library judges a 401 asynchronously (is it stale?) before it retries.
      await new Promise((resolve) => setTimeout(resolve));
      const retry = backend.expectOne('/api/agents');
      expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${REPLACEMENT}`);
      retry.flush({ agents: [] });

      expect(await call).toEqual({ agents: [] });
      expect(failures.map((f) => f.reason)).toEqual(['token-replaced']);
      expect(users.logouts()).toBe(0);
      expect(appErrors.errors()).toEqual([]);
      expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBe(REPLACEMENT);
    });

    it('a 401 of an anonymous call or of a sign-in attempt is left alone', async () => {
      const anonymous = firstValueFrom(http.get('/api/workflow/public')).catch((e: unknown) => e);
      backend.expectOne('/api/workflow/public').flush(null, UNAUTHORIZED);
      const headers = new HttpHeaders({ Authorization: `Bearer ${TOKEN}` });
      const login = firstValueFrom(http.post('/api/auth/login', {}, { headers })).catch(
        (e: unknown) => e,
      );
      backend.expectOne('/api/auth/login').flush(null, UNAUTHORIZED);
      await Promise.all([anonymous, login]);

      expect(users.logouts()).toBe(0);
      expect(appErrors.errors()).toEqual([]);
    });
  });
}
