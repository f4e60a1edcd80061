import { DOCUMENT, type EnvironmentProviders, type Provider } from '@angular/core';
import { TestBed, fakeAsync, flushMicrotasks } from '@angular/core/testing';
import {
  HttpClient,
  HttpContext,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideLocationMocks } from '@angular/common/testing';
import { Router, provideRouter } from '@angular/router';
import type { Observable } from 'rxjs';

import {
  base64url,
  handmadeJwt,
  mentions,
  nowSeconds,
  signedJwt,
} from '../token/tokens.spec-helper';
import type { AgentAuthConfig, TokenResult } from '../config/config';
import { type AgentAuthFailure, AgentAuthError } from '../failures/failure';
import { AgentAuthFailures } from '../failures/failures';
import { SKIP_AGENT_AUTH } from './context';
import { agentAuthInterceptor } from './interceptor';
import { provideAgentAuth } from '../provide';

/** For calls that must succeed: an error fails the spec at once instead of going unhandled. */
const noError = { error: (error: unknown) => fail(error) };
/** The failure path is async: a refusal reaches the caller once its report has settled. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve));

let JWT: string;
let ROTATED: string;
let EXPIRED: string;

interface Wired {
  http: HttpClient;
  backend: HttpTestingController;
  reports: AgentAuthFailure[];
}

interface Setup extends Wired {
  getter: jasmine.Spy<() => TokenResult | Promise<TokenResult>>;
}

/** The standalone wiring around `agentAuth`, collecting every failure report. */
function wire(
  agentAuth: EnvironmentProviders,
  providers: (Provider | EnvironmentProviders)[] = [],
): Wired {
  TestBed.configureTestingModule({
    providers: [
      // The failure path may navigate: give it a router on a mock location, never the Karma page.
      provideRouter([
        { path: 'login', children: [] },
        { path: '**', children: [] },
      ]),
      provideLocationMocks(),
      provideHttpClient(withInterceptors([agentAuthInterceptor])),
      provideHttpClientTesting(),
      agentAuth,
      ...providers,
    ],
  });
  const reports: AgentAuthFailure[] = [];
  TestBed.inject(AgentAuthFailures).failures$.subscribe((f) => reports.push(f));
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    reports,
  };
}

/** The standalone wiring with a getter the test controls; `token` is read on every call. */
function setup(
  token: () => TokenResult | Promise<TokenResult>,
  config: AgentAuthConfig = {},
  providers: (Provider | EnvironmentProviders)[] = [],
): Setup {
  const getter = jasmine.createSpy('tokenGetter', token).and.callThrough();
  return { ...wire(provideAgentAuth({ tokenGetter: getter, ...config }), providers), getter };
}

const origin = location.origin;
const otherPort = `${location.protocol}//${location.hostname}:${Number(location.port || 80) + 1}`;

describe('agentAuthInterceptor', () => {
  beforeAll(async () => {
    JWT = await signedJwt(nowSeconds() + 3600, { sub: 'alice' });
    ROTATED = await signedJwt(nowSeconds() + 3600, { sub: 'bob' });
    EXPIRED = await signedJwt(nowSeconds() - 60, { sub: 'carol' });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  describe("Texera's agent calls each get exactly one Authorization: Bearer <jwt>", () => {
    const calls: [string, string, (http: HttpClient, url: string) => Observable<unknown>][] = [
      ['GET', '/api/agents', (http, url) => http.get(url)],
      ['GET', 'api/agents/models', (http, url) => http.get(url)],
      ['POST', '/api/agents', (http, url) => http.post(url, { name: 'a1' })],
      ['GET', '/api/agents/a1/settings', (http, url) => http.get(url)],
      ['PATCH', '/api/agents/a1/settings', (http, url) => http.patch(url, { model: 'x' })],
      ['DELETE', '/api/agents/a1', (http, url) => http.delete(url)],
      ['GET', `${origin}/api/agents`, (http, url) => http.get(url)],
    ];
    for (const [method, url, call] of calls) {
      it(`${method} ${url}`, () => {
        const { http, backend } = setup(() => JWT);
        let body: unknown;
        call(http, url).subscribe((b) => (body = b));
        const req = backend.expectOne({ method, url });
        expect(req.request.headers.getAll('Authorization')).toEqual([`Bearer ${JWT}`]);
        req.flush({ ok: true });
        expect(body).toEqual({ ok: true });
      });
    }

    it('and the same under a non-root <base href>, for "/api/agents" and "api/agents/models"', () => {
      const base = document.createElement('base');
      base.href = '/texera/';
      document.head.prepend(base);
      try {
        expect(document.baseURI).toBe(`${origin}/texera/`);
        const { http, backend } = setup(() => JWT);
        http.get('/api/agents').subscribe(noError);
        http.get('api/agents/models').subscribe(noError);
        http.get('api/agentsX').subscribe(noError);
        for (const url of ['/api/agents', 'api/agents/models']) {
          expect(backend.expectOne(url).request.headers.getAll('Authorization')).toEqual([
            `Bearer ${JWT}`,
          ]);
        }
        expect(backend.expectOne('api/agentsX').request.headers.has('Authorization')).toBeFalse();
      } finally {
        base.remove();
      }
    });

    it('decides afresh when the base URL changes after the first request', () => {
      const { http, backend } = setup(() => JWT);
      http.get('../api/agents').subscribe(noError);
      expect(backend.expectOne('../api/agents').request.headers.has('Authorization')).toBeTrue();
      const base = document.createElement('base');
      base.href = '/texera/workspace/';
      document.head.prepend(base);
      try {
        // Now "../api/agents" is /texera/api/agents: not the agent API, so no token.
        http.get('../api/agents').subscribe(noError);
        expect(backend.expectOne('../api/agents').request.headers.has('Authorization')).toBeFalse();
      } finally {
        base.remove();
      }
    });

    it('uses the configured header name and scheme', () => {
      const { http, backend } = setup(() => JWT, {
        headerName: 'X-Agent-Token',
        authScheme: 'Token',
      });
      http.get('/api/agents').subscribe(noError);
      const req = backend.expectOne('/api/agents');
      expect(req.request.headers.getAll('X-Agent-Token')).toEqual([`Token ${JWT}`]);
      expect(req.request.headers.has('Authorization')).toBeFalse();
    });
  });

  describe('every other request is sent untouched, without the header', () => {
    for (const url of [
      '/api/agentsX',
      '/api/other',
      '/API/agents',
      '/api/agents/../admin',
      '/api/agents/%2e%2e/admin',
      '/api/agents%2F',
      'api/agentsX/models',
      '//evil.example/api/agents',
      `${location.protocol}//${location.host}@evil.example/api/agents`,
      `${otherPort}/api/agents`,
      'https://evil.example/api/agents',
    ]) {
      it(url, () => {
        const { http, backend, getter, reports } = setup(() => JWT);
        http.get(url).subscribe(noError);
        const req = backend.expectOne(url);
        expect(req.request.headers.has('Authorization')).toBeFalse();
        expect(req.request.headers.keys()).toEqual([]);
        expect(getter).not.toHaveBeenCalled();
        req.flush({});
        expect(reports).toEqual([]);
      });
    }

    it('even when there is no token at all (only agent calls are held back)', () => {
      const { http, backend } = setup(() => null);
      http.get('/api/other').subscribe(noError);
      expect(backend.expectOne('/api/other').request.headers.has('Authorization')).toBeFalse();
    });

    it('and a 401 from a non-agent call is not reported as an agent failure', () => {
      const { http, backend, reports } = setup(() => JWT);
      http.get('/api/other').subscribe({ error: () => undefined });
      backend.expectOne('/api/other').flush('no', { status: 401, statusText: 'Unauthorized' });
      expect(reports).toEqual([]);
    });
  });

  describe('an https page', () => {
    // A real Document whose base is https://app.example/: what `inject(DOCUMENT)` is on that page.
    function httpsPage(): Document {
      const doc = document.implementation.createHTMLDocument('texera');
      const base = doc.createElement('base');
      base.href = 'https://app.example/';
      doc.head.append(base);
      return doc;
    }

    it('sends the token to its own https origin but never to http: on the same host', () => {
      const { http, backend } = setup(() => JWT, {}, [
        { provide: DOCUMENT, useValue: httpsPage() },
      ]);
      http.get('https://app.example/api/agents').subscribe(noError);
      http.get('http://app.example/api/agents').subscribe(noError);
      http.get('api/agents/models').subscribe(noError);
      expect(
        backend.expectOne('https://app.example/api/agents').request.headers.get('Authorization'),
      ).toBe(`Bearer ${JWT}`);
      expect(
        backend.expectOne('http://app.example/api/agents').request.headers.has('Authorization'),
      ).toBeFalse();
      expect(backend.expectOne('api/agents/models').request.headers.get('Authorization')).toBe(
        `Bearer ${JWT}`,
      );
    });
  });

  describe('allowedOrigins', () => {
    it('adds exactly the listed origins', () => {
      const { http, backend } = setup(() => JWT, {
        allowedOrigins: ['http://agents.localhost:9000'],
      });
      const urls = {
        'http://agents.localhost:9000/api/agents': true,
        'http://agents.localhost:9001/api/agents': false,
        'https://agents.localhost:9000/api/agents': false,
        'http://x.agents.localhost:9000/api/agents': false,
        'http://agents.localhost:9000/api/agentsX': false,
      };
      for (const url of Object.keys(urls)) http.get(url).subscribe(noError);
      for (const [url, attached] of Object.entries(urls)) {
        expect(backend.expectOne(url).request.headers.has('Authorization'))
          .withContext(url)
          .toBe(attached);
      }
    });
  });

  describe('an agent call without a usable token is not sent: the caller gets a 401', () => {
    const cases: [string, () => TokenResult, AgentAuthFailure['reason']][] = [
      ['null', () => null, 'missing'],
      ['undefined', () => undefined, 'missing'],
      ['empty', () => '', 'missing'],
      ['whitespace', () => '  \t ', 'missing'],
      ['the string "null"', () => 'null', 'missing'],
      ['two parts', () => JWT.split('.').slice(0, 2).join('.'), 'missing'],
      ['bad base64', () => `${JWT.split('.')[0]}.A.${JWT.split('.')[2]}`, 'missing'],
      ['non-JSON payload', () => `${JWT.split('.')[0]}.${base64url('nope')}.c2ln`, 'missing'],
      [
        'a string exp',
        () => handmadeJwt(`{"sub":"alice","exp":"${nowSeconds() + 3600}"}`),
        'missing',
      ],
      ['expired', () => EXPIRED, 'expired'],
    ];
    for (const [name, token, reason] of cases) {
      it(`${name} -> 401 (${reason}), nothing sent, nothing thrown, one report`, () => {
        const { http, backend, reports } = setup(token);
        let error: unknown;
        expect(() =>
          http.get('/api/agents/a1/settings').subscribe({ error: (e: unknown) => (error = e) }),
        ).not.toThrow();
        backend.expectNone('/api/agents/a1/settings');
        expect(error).toBeInstanceOf(HttpErrorResponse);
        const response = error as HttpErrorResponse;
        expect(response.status).toBe(401);
        expect(response.url).toBe('/api/agents/a1/settings');
        expect(response.error).toBeInstanceOf(AgentAuthError);
        expect({ ...response.error }).toEqual({
          name: 'AgentAuthError',
          status: 401,
          reason,
          url: '/api/agents/a1/settings',
        });
        expect(reports).toEqual([
          { status: 401, reason, channel: 'http', url: '/api/agents/a1/settings' },
        ]);
        const raw = token();
        // Only a token with a real payload segment can be looked for in the output.
        if (typeof raw === 'string' && (raw.split('.')[1] ?? '').length > 20) {
          expect(mentions(raw, [response, response.message, response.error, reports])).toBeFalse();
        }
      });
    }

    it('also when the getter throws', () => {
      const { http, backend, reports } = setup(() => {
        throw new Error('storage exploded');
      });
      let error: HttpErrorResponse | undefined;
      expect(() => http.get('/api/agents').subscribe({ error: (e) => (error = e) })).not.toThrow();
      backend.expectNone('/api/agents');
      expect(error?.status).toBe(401);
      expect(reports.length).toBe(1);
    });

    it('reports and errors once per attempt, on subscribe, like any HttpClient error', () => {
      const { http, backend, reports } = setup(() => null);
      const call = http.get('/api/agents');
      expect(reports).toEqual([]);
      call.subscribe({ error: () => undefined });
      call.subscribe({ error: () => undefined });
      backend.expectNone('/api/agents');
      expect(reports.length).toBe(2);
    });

    it('never leaks a token from the URL into the error or the report', () => {
      const { http, backend, reports } = setup(() => null);
      let error: HttpErrorResponse | undefined;
      http
        .get('/api/agents?access-token=LEAKED.jwt.value')
        .subscribe({ error: (e) => (error = e) });
      backend.expectNone(() => true);
      expect(error?.url).toBe('/api/agents?access-token=redacted');
      expect(
        mentions('LEAKED.jwt.value', [error, error?.message, error?.error, reports]),
      ).toBeFalse();
    });
  });

  describe('an async tokenGetter', () => {
    it('is awaited, then the header is set', fakeAsync(() => {
      const { http, backend } = setup(() => Promise.resolve(JWT));
      http.get('/api/agents').subscribe(noError);
      backend.expectNone('/api/agents');
      flushMicrotasks();
      expect(backend.expectOne('/api/agents').request.headers.getAll('Authorization')).toEqual([
        `Bearer ${JWT}`,
      ]);
    }));

    for (const [name, getter] of [
      ['resolves to null', () => Promise.resolve(null)],
      ['resolves to an expired token', () => Promise.resolve(EXPIRED)],
      ['rejects', () => Promise.reject(new Error('refresh failed'))],
    ] as const) {
      it(`that ${name} -> 401, nothing sent`, fakeAsync(() => {
        const { http, backend, reports } = setup(getter);
        let error: HttpErrorResponse | undefined;
        http.get('/api/agents').subscribe({ error: (e) => (error = e) });
        flushMicrotasks();
        backend.expectNone('/api/agents');
        expect(error?.status).toBe(401);
        expect(reports.length).toBe(1);
      }));
    }

    it('sends nothing when the caller unsubscribes before the token arrives', fakeAsync(() => {
      const { http, backend } = setup(() => Promise.resolve(JWT));
      http.get('/api/agents').subscribe().unsubscribe();
      flushMicrotasks();
      expect(backend.match(() => true)).toEqual([]);
    }));
  });

  it('keeps a header the caller set, and sends exactly that one value', () => {
    const { http, backend } = setup(() => JWT);
    http.get('/api/agents', { headers: { Authorization: 'Bearer caller' } }).subscribe(noError);
    http.get('/api/agents/a1', { headers: { authorization: 'Basic xyz' } }).subscribe(noError);
    expect(backend.expectOne('/api/agents').request.headers.getAll('Authorization')).toEqual([
      'Bearer caller',
    ]);
    expect(backend.expectOne('/api/agents/a1').request.headers.getAll('Authorization')).toEqual([
      'Basic xyz',
    ]);
  });

  it('still holds back an agent call with its own header when there is no usable token', () => {
    // The rule: no usable token -> not sent. SKIP_AGENT_AUTH is the way to send it anyway.
    const { http, backend } = setup(() => EXPIRED);
    let error: HttpErrorResponse | undefined;
    http
      .get('/api/agents', { headers: { Authorization: `Bearer ${EXPIRED}` } })
      .subscribe({ error: (e) => (error = e) });
    backend.expectNone('/api/agents');
    expect(error?.status).toBe(401);
  });

  describe('SKIP_AGENT_AUTH', () => {
    it('sends an agent call without the token, and without reading it', () => {
      const { http, backend, getter } = setup(() => JWT);
      http
        .get('/api/agents', { context: new HttpContext().set(SKIP_AGENT_AUTH, true) })
        .subscribe(noError);
      expect(backend.expectOne('/api/agents').request.headers.has('Authorization')).toBeFalse();
      expect(getter).not.toHaveBeenCalled();
    });

    it('sends it even when there is no token, and reports nothing', () => {
      const { http, backend, reports } = setup(() => null);
      http
        .get('/api/agents', { context: new HttpContext().set(SKIP_AGENT_AUTH, true) })
        .subscribe(noError);
      backend.expectOne('/api/agents').flush({});
      expect(reports).toEqual([]);
    });

    it('set to false changes nothing', () => {
      const { http, backend } = setup(() => JWT);
      http
        .get('/api/agents', { context: new HttpContext().set(SKIP_AGENT_AUTH, false) })
        .subscribe(noError);
      expect(backend.expectOne('/api/agents').request.headers.get('Authorization')).toBe(
        `Bearer ${JWT}`,
      );
    });
  });

  it('reads the token afresh for every request (a rotated token is used at once)', () => {
    let current = JWT;
    const { http, backend, getter } = setup(() => current);
    http.get('/api/agents').subscribe(noError);
    expect(backend.expectOne('/api/agents').request.headers.get('Authorization')).toBe(
      `Bearer ${JWT}`,
    );
    current = ROTATED;
    http.get('/api/agents').subscribe(noError);
    expect(backend.expectOne('/api/agents').request.headers.get('Authorization')).toBe(
      `Bearer ${ROTATED}`,
    );
    expect(getter).toHaveBeenCalledTimes(2);
  });

  describe('server answers', () => {
    for (const [status, reason] of [
      [401, 'rejected'],
      [403, 'forbidden'],
    ] as const) {
      it(`a ${status} is reported as "${reason}" and reaches the caller unchanged`, async () => {
        const { http, backend, reports } = setup(() => JWT);
        let error: HttpErrorResponse | undefined;
        http.get('/api/agents/a1').subscribe({ error: (e) => (error = e) });
        backend.expectOne('/api/agents/a1').flush({ detail: 'no' }, { status, statusText: 'No' });
        await settle();
        expect(error?.status).toBe(status);
        expect(error?.error).toEqual({ detail: 'no' });
        expect(reports).toEqual([{ status, reason, channel: 'http', url: '/api/agents/a1' }]);
      });
    }

    it('a 500 or a success is not a failure', () => {
      const { http, backend, reports } = setup(() => JWT);
      http.get('/api/agents').subscribe({ error: () => undefined });
      http.get('/api/agents/a1').subscribe(noError);
      backend.expectOne('/api/agents').flush('x', { status: 500, statusText: 'Boom' });
      backend.expectOne('/api/agents/a1').flush({});
      expect(reports).toEqual([]);
    });
  });

  describe('a 401 for a token the user has since replaced (the stale rule)', () => {
    const unauthorized = { status: 401, statusText: 'Unauthorized' };
    let stored: string | null;
    let onUnauthorized: jasmine.Spy;
    let navigate: jasmine.Spy;

    /** Texera's wiring: logout() removes the stored token; the Router's redirect is recorded. */
    function staleSetup(config: AgentAuthConfig = {}) {
      stored = JWT;
      onUnauthorized = jasmine.createSpy('onUnauthorized').and.callFake(() => (stored = null));
      const wired = setup(() => stored, { onUnauthorized, ...config });
      navigate = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
      return wired;
    }

    it('is retried once with the stored token, any method; nobody is signed out', async () => {
      const { http, backend, reports } = staleSetup();
      let body: unknown;
      http
        .post('/api/agents', { modelType: 'm' })
        .subscribe({ next: (b) => (body = b), ...noError });
      const first = backend.expectOne('/api/agents');
      expect(first.request.headers.get('Authorization')).toBe(`Bearer ${JWT}`);
      stored = ROTATED; // signed in again, maybe in another tab, while the call was out
      first.flush('no', unauthorized);
      await settle();
      const retry = backend.expectOne('/api/agents');
      expect(retry.request.method).toBe('POST');
      expect(retry.request.body).toEqual({ modelType: 'm' });
      expect(retry.request.headers.getAll('Authorization')).toEqual([`Bearer ${ROTATED}`]);
      retry.flush({ ok: true });
      await settle();
      expect(body).toEqual({ ok: true });
      expect(reports).toEqual([
        { status: 401, reason: 'token-replaced', channel: 'http', url: '/api/agents' },
      ]);
      expect(onUnauthorized).not.toHaveBeenCalled();
      expect(navigate).not.toHaveBeenCalled();
    });

    it("the retry's own 401 is handled as usual: one sign-out, one redirect, the caller gets it", async () => {
      const { http, backend, reports } = staleSetup();
      let error: HttpErrorResponse | undefined;
      http.get('/api/agents').subscribe({ error: (e) => (error = e) });
      stored = ROTATED;
      backend.expectOne('/api/agents').flush('no', unauthorized);
      await settle();
      backend.expectOne('/api/agents').flush({ detail: 'still no' }, unauthorized);
      await settle();
      expect(error?.status).toBe(401);
      expect(error?.error).toEqual({ detail: 'still no' });
      expect(reports.map((r) => r.reason)).toEqual(['token-replaced', 'rejected']);
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
      expect(navigate).toHaveBeenCalledTimes(1);
    });

    for (const [name, next] of [
      ['still the stored token', () => JWT],
      ['replaced by an expired one', () => EXPIRED],
      ['removed', () => null],
    ] as const) {
      it(`a 401 for a token ${name} is not retried: the usual path runs`, async () => {
        const { http, backend, reports } = staleSetup();
        http.get('/api/agents').subscribe({ error: () => undefined });
        stored = next();
        backend.expectOne('/api/agents').flush('no', unauthorized);
        await settle();
        backend.expectNone('/api/agents');
        expect(reports.map((r) => r.reason)).toEqual(['rejected']);
        expect(onUnauthorized).toHaveBeenCalledTimes(1);
        expect(navigate).toHaveBeenCalledTimes(1);
      });
    }

    it('a Bearer header set by someone else (angular-jwt) is replaced on the retry', async () => {
      const { http, backend, reports } = staleSetup();
      http.get('/api/agents', { headers: { Authorization: `Bearer ${JWT}` } }).subscribe(noError);
      stored = ROTATED;
      backend.expectOne('/api/agents').flush('no', unauthorized);
      await settle();
      const retry = backend.expectOne('/api/agents');
      expect(retry.request.headers.getAll('Authorization')).toEqual([`Bearer ${ROTATED}`]);
      retry.flush({});
      await settle();
      expect(reports.map((r) => r.reason)).toEqual(['token-replaced']);
    });

    it('a header that carries no token of ours is not second-guessed', async () => {
      const { http, backend, reports } = staleSetup();
      http.get('/api/agents', { headers: { Authorization: 'Basic YTpi' } }).subscribe({
        error: () => undefined,
      });
      stored = ROTATED;
      backend.expectOne('/api/agents').flush('no', unauthorized);
      await settle();
      backend.expectNone('/api/agents');
      expect(reports.map((r) => r.reason)).toEqual(['rejected']);
    });

    it('a 403 is never retried, whatever the stored token', async () => {
      const { http, backend, reports } = staleSetup();
      http.get('/api/agents').subscribe({ error: () => undefined });
      stored = ROTATED;
      backend.expectOne('/api/agents').flush('no', { status: 403, statusText: 'Forbidden' });
      await settle();
      backend.expectNone('/api/agents');
      expect(reports.map((r) => r.reason)).toEqual(['forbidden']);
    });

    it('a burst mixing stale and current 401s signs out exactly once', async () => {
      const { http, backend, reports } = staleSetup();
      // The burst lasts while the login navigation is under way: the retries' answers come in it.
      let navigated!: (done: boolean) => void;
      navigate.and.returnValue(new Promise<boolean>((resolve) => (navigated = resolve)));
      const errors: unknown[] = [];
      const urls = ['/api/agents/1', '/api/agents/2', '/api/agents/3'];
      for (const url of urls) http.get(url).subscribe({ error: (e) => errors.push(e) });
      stored = ROTATED;
      http.get('/api/agents/4').subscribe({ error: (e) => errors.push(e) });
      // Two stale answers are retried with the stored token; then everything is refused.
      backend.expectOne(urls[0]).flush('no', unauthorized);
      backend.expectOne(urls[1]).flush('no', unauthorized);
      backend.expectOne('/api/agents/4').flush('no', unauthorized);
      backend.expectOne(urls[2]).flush('no', unauthorized);
      await settle();
      for (const url of urls.slice(0, 2)) backend.expectOne(url).flush('no', unauthorized);
      await settle();
      expect(reports.map((r) => r.reason)).toEqual([
        'token-replaced',
        'token-replaced',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect(errors.length).toBe(4);
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
      expect(navigate).toHaveBeenCalledTimes(1);
      navigated(true);
      await settle();
    });

    it('waits for an async tokenGetter before deciding', fakeAsync(() => {
      let current: string | null = JWT;
      const { http, backend, reports } = setup(() => Promise.resolve(current));
      let body: unknown;
      http.get('/api/agents').subscribe({ next: (b) => (body = b), ...noError });
      flushMicrotasks();
      current = ROTATED;
      backend.expectOne('/api/agents').flush('no', unauthorized);
      flushMicrotasks();
      const retry = backend.expectOne('/api/agents');
      expect(retry.request.headers.get('Authorization')).toBe(`Bearer ${ROTATED}`);
      retry.flush({ ok: true });
      expect(body).toEqual({ ok: true });
      expect(reports.map((r) => r.reason)).toEqual(['token-replaced']);
    }));
  });

  describe('the default tokenGetter (localStorage["access_token"])', () => {
    const storage = localStorage;
    afterEach(() => storage.removeItem('access_token'));

    const setupDefault = () => wire(provideAgentAuth());

    it('sends the stored token, read on every request', () => {
      const { http, backend } = setupDefault();
      storage.setItem('access_token', JWT);
      http.get('/api/agents').subscribe(noError);
      expect(backend.expectOne('/api/agents').request.headers.get('Authorization')).toBe(
        `Bearer ${JWT}`,
      );
      storage.removeItem('access_token');
      let error: HttpErrorResponse | undefined;
      http.get('/api/agents').subscribe({ error: (e) => (error = e) });
      backend.expectNone('/api/agents');
      expect(error?.status).toBe(401);
    });

    it('answers 401, not an exception, when localStorage throws', () => {
      const { http, backend, reports } = setupDefault();
      storage.setItem('access_token', JWT);
      spyOn(Storage.prototype, 'getItem').and.throwError(new DOMException('no', 'SecurityError'));
      let error: HttpErrorResponse | undefined;
      expect(() => http.get('/api/agents').subscribe({ error: (e) => (error = e) })).not.toThrow();
      backend.expectNone('/api/agents');
      expect(error?.status).toBe(401);
      expect(reports.map((r) => r.reason)).toEqual(['missing']);
    });
  });
});
