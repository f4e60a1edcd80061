import { ApplicationRef, Component, ErrorHandler, Injectable, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  HttpClient,
  HttpErrorResponse,
  type HttpInterceptorFn,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import {
  GuardsCheckStart,
  NavigationStart,
  Router,
  type Routes,
  provideRouter,
} from '@angular/router';
import { filter, firstValueFrom, tap } from 'rxjs';

import { handmadeJwt } from '../token/tokens.spec-helper';
import type { AgentAuthConfig } from '../config/config';
import { type AgentAuthFailure, AgentAuthError } from './failure';
import { AgentAuthFailures } from './failures';
import { agentAuthInterceptor } from '../http/interceptor';
import { provideAgentAuth } from '../provide';

@Component({ template: '' })
class StubPage {}

/** Lets a test refuse, break or hold open the guards of the routes below. */
@Injectable({ providedIn: 'root' })
class Gates {
  login: () => boolean | Promise<boolean> = () => true;
  slow: Promise<boolean> = Promise.resolve(true);
}

const routes: Routes = [
  { path: 'login', component: StubPage, canActivate: [() => inject(Gates).login()] },
  { path: 'signin', component: StubPage },
  { path: 'forbidden', component: StubPage },
  { path: 'slow/:id', component: StubPage, canActivate: [() => inject(Gates).slow] },
  { path: '**', component: StubPage },
];

// Decodable and far from expiry; these tests never check a signature.
const TOKEN = handmadeJwt(JSON.stringify({ sub: 'alice', exp: 4102444800 }));

type Outcome = 'ok' | unknown;

const agentUrls = (n: number) => Array.from({ length: n }, (_, i) => `/api/agents/${i}/settings`);

function setup(config: Omit<AgentAuthConfig, 'onUnauthorized'> = {}) {
  const onUnauthorized =
    jasmine.createSpy<(f: AgentAuthFailure) => void | Promise<void>>('onUnauthorized');
  const handleError = jasmine.createSpy('handleError');
  // Sits between the library and the backend: records the exact error objects the backend threw.
  const fromBackend = new Map<string, unknown>();
  const record: HttpInterceptorFn = (req, next) =>
    next(req).pipe(tap({ error: (error: unknown) => fromBackend.set(req.url, error) }));
  TestBed.configureTestingModule({
    providers: [
      provideRouter(routes),
      provideHttpClient(withInterceptors([agentAuthInterceptor, record])),
      provideHttpClientTesting(),
      provideAgentAuth({ tokenGetter: () => TOKEN, onUnauthorized, ...config }),
      { provide: ErrorHandler, useValue: { handleError } },
    ],
  });
  const router = TestBed.inject(Router);
  const http = TestBed.inject(HttpClient);
  const backend = TestBed.inject(HttpTestingController);
  const failures = TestBed.inject(AgentAuthFailures);
  const navigations: string[] = [];
  router.events
    .pipe(filter((e): e is NavigationStart => e instanceof NavigationStart))
    .subscribe((e) => navigations.push(e.url));
  const seen: AgentAuthFailure[] = [];
  failures.failures$.subscribe((f) => seen.push(f));

  return {
    router,
    failures,
    backend,
    navigations,
    seen,
    onUnauthorized,
    handleError,
    fromBackend,
    gates: TestBed.inject(Gates),
    settle: () => TestBed.inject(ApplicationRef).whenStable(),
    /** Puts the app on `url` and forgets that navigation. */
    async go(url: string) {
      await router.navigateByUrl(url);
      navigations.length = 0;
    },
    /** `count` concurrent GETs; the returned array fills in as they settle. */
    call(urls: readonly string[]): Outcome[] {
      const outcomes: Outcome[] = [];
      urls.forEach((url, i) =>
        http.get(url).subscribe({
          next: () => (outcomes[i] = 'ok'),
          error: (error: unknown) => (outcomes[i] = error),
        }),
      );
      return outcomes;
    },
    /** Answers the requests (every open one by default) with `status` and a body naming its URL. */
    answerAll(status: number, requests = backend.match(() => true)) {
      for (const req of requests) {
        req.flush(
          { url: req.request.url },
          { status, statusText: status === 401 ? 'Unauthorized' : 'Forbidden' },
        );
      }
    },
    /** `n` concurrent agent calls, each answered with `status`. */
    burst(n: number, status: number): Outcome[] {
      const outcomes = this.call(agentUrls(n));
      this.answerAll(status);
      return outcomes;
    },
    /** Starts a navigation to `url` and resolves once its guards are running. */
    async navigatingTo(url: string) {
      const checking = firstValueFrom(
        router.events.pipe(filter((e) => e instanceof GuardsCheckStart)),
      );
      void router.navigateByUrl(url);
      await checking;
    },
  };
}

const socketFailure: AgentAuthFailure = {
  status: 401,
  reason: 'rejected',
  channel: 'socket',
  url: 'ws://localhost/api/agents/a1/react?access-token=redacted',
};

describe('AgentAuthFailures with a Router', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('turns 50 concurrent agent 401s into one navigation and one onUnauthorized; each caller gets its own 401 unchanged', async () => {
    const t = setup();
    await t.go('/workflow/5?tab=agents');
    const urls = agentUrls(50);
    const outcomes = t.call(urls);
    const requests = t.backend.match(() => true);
    expect(requests.length).toBe(50);
    for (const req of requests) {
      expect(req.request.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    }
    t.answerAll(401, requests);
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F5%3Ftab%3Dagents']);
    expect(t.router.url).toBe('/login?returnUrl=%2Fworkflow%2F5%3Ftab%3Dagents');
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(t.onUnauthorized).toHaveBeenCalledWith({
      status: 401,
      reason: 'rejected',
      channel: 'http',
      url: '/api/agents/0/settings',
    });
    expect(t.seen.length).toBe(50);
    urls.forEach((url, i) => {
      const outcome = outcomes[i] as HttpErrorResponse;
      expect(outcomes[i]).withContext(url).toBe(t.fromBackend.get(url));
      expect(outcome).toBeInstanceOf(HttpErrorResponse);
      expect(outcome.status).toBe(401);
      expect(outcome.error).toEqual({ url });
    });
  });

  it('redirects once for a burst of agent calls that had no usable token to send', async () => {
    const t = setup({ tokenGetter: () => null });
    await t.go('/dashboard');
    const outcomes = t.call(agentUrls(20));
    t.backend.expectNone(() => true);
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fdashboard']);
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(t.onUnauthorized.calls.argsFor(0)[0].reason).toBe('missing');
    for (const outcome of outcomes) {
      expect((outcome as HttpErrorResponse).status).toBe(401);
      expect((outcome as HttpErrorResponse).error).toBeInstanceOf(AgentAuthError);
    }
  });

  it('sends a 403 to forbiddenRoute, which defaults to loginRoute, without onUnauthorized, and keeps the token', async () => {
    const t = setup();
    await t.go('/workflow/5');
    const outcomes = t.burst(10, 403);
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F5']);
    expect(t.onUnauthorized).not.toHaveBeenCalled();
    expect(t.seen.map((f) => `${f.status} ${f.reason}`)).toEqual(Array(10).fill('403 forbidden'));
    expect(outcomes.map((o) => (o as HttpErrorResponse).status)).toEqual(Array(10).fill(403));

    t.call(['/api/agents']);
    expect(t.backend.expectOne('/api/agents').request.headers.get('Authorization')).toBe(
      `Bearer ${TOKEN}`,
    );
  });

  it('sends a 403 to a custom forbiddenRoute and a 401 still to loginRoute', async () => {
    const t = setup({ forbiddenRoute: '/forbidden', loginRoute: '/signin' });
    await t.go('/workflow/5');
    t.burst(3, 403);
    await t.settle();
    expect(t.navigations).toEqual(['/forbidden?returnUrl=%2Fworkflow%2F5']);

    await t.go('/workflow/6');
    t.burst(3, 401);
    await t.settle();
    expect(t.navigations).toEqual(['/signin?returnUrl=%2Fworkflow%2F6']);
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('leaves 401s of non-agent calls to the app: no report, no navigation, error passed through', async () => {
    const t = setup();
    await t.go('/workflow/5');
    const urls = ['/api/users/me', '/api/agentsX', 'https://evil.example/api/agents/1'];
    const outcomes = t.call(urls);
    const requests = t.backend.match(() => true);
    for (const req of requests) {
      expect(req.request.headers.has('Authorization')).toBeFalse();
    }
    t.answerAll(401, requests);
    await t.settle();

    expect(t.seen).toEqual([]);
    expect(t.navigations).toEqual([]);
    expect(t.onUnauthorized).not.toHaveBeenCalled();
    urls.forEach((url, i) => expect(outcomes[i]).toBe(t.fromBackend.get(url)));
  });

  it('does not navigate or log out while on the login route: the login page may call agents too', async () => {
    const t = setup();
    await t.go('/login?returnUrl=%2Fx');
    t.burst(5, 401);
    t.failures.report(socketFailure);
    await t.settle();

    expect(t.seen.length).toBe(6);
    expect(t.navigations).toEqual([]);
    expect(t.onUnauthorized).not.toHaveBeenCalled();
  });

  it('does not navigate while on the forbidden route', async () => {
    const t = setup({ forbiddenRoute: '/forbidden' });
    await t.go('/forbidden?returnUrl=%2Fx');
    t.burst(2, 401);
    t.burst(2, 403);
    await t.settle();

    expect(t.seen.length).toBe(4);
    expect(t.navigations).toEqual([]);
  });

  it('after a redirect completes, a second burst navigates only once the app has left the login route', async () => {
    const t = setup();
    await t.go('/workflow/1');
    t.burst(10, 401);
    await t.settle();
    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F1']);

    // The login page's own calls fail too: no loop.
    t.burst(10, 401);
    await t.settle();
    expect(t.navigations.length).toBe(1);
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);

    // Signed in again, back on a page, the token goes bad again.
    await t.go('/workflow/2');
    t.burst(10, 401);
    await t.settle();
    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F2']);
    expect(t.onUnauthorized).toHaveBeenCalledTimes(2);
  });

  it('takes socket failures through the same path, shared with HTTP failures of the same burst', async () => {
    const t = setup();
    await t.go('/workflow/3');
    t.failures.report(socketFailure);
    t.burst(5, 401);
    t.failures.report({ ...socketFailure, status: 403, reason: 'forbidden' });
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F3']);
    expect(t.onUnauthorized).toHaveBeenCalledOnceWith(socketFailure);
    expect(t.seen.map((f) => f.channel)).toEqual([
      'socket',
      'http',
      'http',
      'http',
      'http',
      'http',
      'socket',
    ]);
  });

  it('still logs out when a 401 follows the 403 that began the burst', async () => {
    const t = setup();
    await t.go('/workflow/6');
    const forbidden: AgentAuthFailure = { ...socketFailure, status: 403, reason: 'forbidden' };
    t.failures.report(forbidden);
    t.failures.report(socketFailure);
    t.failures.report(socketFailure);
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F6']);
    expect(t.onUnauthorized).toHaveBeenCalledOnceWith(socketFailure);
  });

  it('still redirects when onUnauthorized throws, and hands the error to the ErrorHandler', async () => {
    const t = setup();
    const broken = new Error('logout broke');
    t.onUnauthorized.and.throwError(broken);
    await t.go('/workflow/4');
    t.failures.report(socketFailure);
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F4']);
    expect(t.handleError).toHaveBeenCalledOnceWith(broken);
  });

  it('runs onUnauthorized in an injection context, so it can inject the app logout service', async () => {
    const t = setup();
    let injected: unknown = null;
    t.onUnauthorized.and.callFake(() => {
      injected = inject(Gates);
    });
    await t.go('/workflow/5');
    t.failures.report(socketFailure);
    await t.settle();

    expect(t.handleError).not.toHaveBeenCalled();
    expect(injected).toBe(t.gates);
    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F5']);
  });

  it('still redirects when onUnauthorized rejects', async () => {
    const t = setup();
    const broken = new Error('logout rejected');
    t.onUnauthorized.and.callFake(() => Promise.reject(broken));
    await t.go('/workflow/4');
    t.failures.report(socketFailure);
    await t.settle();

    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F4']);
    expect(t.handleError).toHaveBeenCalledOnceWith(broken);
  });

  it('waits for an async onUnauthorized before navigating, and calls it once for the whole burst', async () => {
    const t = setup();
    let finishLogout!: () => void;
    t.onUnauthorized.and.returnValue(new Promise<void>((resolve) => (finishLogout = resolve)));
    await t.go('/workflow/8');
    t.failures.report(socketFailure);
    t.burst(5, 401);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(t.navigations).toEqual([]);
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);
    finishLogout();
    await t.settle();
    expect(t.navigations).toEqual(['/login?returnUrl=%2Fworkflow%2F8']);
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('ends the burst when the router cancels the redirect, so the next failure redirects again', async () => {
    const t = setup();
    t.gates.login = () => false;
    await t.go('/workflow/1');
    t.failures.report(socketFailure);
    await t.settle();
    expect(t.navigations.length).toBe(1);
    expect(t.router.url).toBe('/workflow/1');

    t.gates.login = () => true;
    t.failures.report(socketFailure);
    await t.settle();
    expect(t.navigations.length).toBe(2);
    expect(t.router.url).toBe('/login?returnUrl=%2Fworkflow%2F1');
  });

  it('ends the burst when the redirect fails with an error, without an unhandled rejection', async () => {
    const t = setup();
    t.gates.login = () => {
      throw new Error('login guard broke');
    };
    await t.go('/workflow/1');
    t.failures.report(socketFailure);
    await t.settle();
    expect(t.navigations.length).toBe(1);
    expect(t.router.url).toBe('/workflow/1');

    t.gates.login = () => true;
    t.failures.report(socketFailure);
    await t.settle();
    expect(t.router.url).toBe('/login?returnUrl=%2Fworkflow%2F1');
  });

  it('uses the target of a navigation in flight as returnUrl', async () => {
    const t = setup();
    await t.go('/workflow/1');
    let release!: (ok: boolean) => void;
    t.gates.slow = new Promise((resolve) => (release = resolve));
    await t.navigatingTo('/slow/7');
    t.failures.report(socketFailure);
    release(true);
    await t.settle();

    expect(t.navigations).toEqual(['/slow/7', '/login?returnUrl=%2Fslow%2F7']);
    expect(t.router.url).toBe('/login?returnUrl=%2Fslow%2F7');
  });

  it('does not redirect while the app itself is already navigating to the login route', async () => {
    const t = setup();
    await t.go('/workflow/1');
    let release!: (ok: boolean) => void;
    t.gates.login = () => new Promise((resolve) => (release = resolve));
    await t.navigatingTo('/login');
    t.failures.report(socketFailure);
    release(true);
    await t.settle();

    expect(t.navigations).toEqual(['/login']);
    expect(t.onUnauthorized).not.toHaveBeenCalled();
  });
});
