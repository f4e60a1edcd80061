import { Injector } from '@angular/core';
import { DOCUMENT, EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';

import { handmadeJwt, mentions, nowSeconds } from '../token/tokens.spec-helper';
import {
  AGENT_AUTH_CONFIG,
  resolveConfig,
  type AgentAuthConfig,
  type TokenResult,
} from '../config/config';
import { type AgentAuthFailure, AgentAuthError } from '../failures/failure';
import { AgentAuthFailures } from '../failures/failures';
import { AGENT_AUTH_PAGE, pageOf } from '../url/page';
import { SKIP_AGENT_AUTH } from '../http/context';
import { agentAuthInterceptor } from '../http/interceptor';
import { provideAgentAuth } from '../provide';
import { AgentSocketConnector } from '@texera/agent-auth/rxjs';

import { AgentSocketFactory } from './socket-factory';
import { LiveSockets } from './live-sockets';
import { type SocketApis, socketApis } from './socket-apis.spec-helper';
import { FakeSocket } from './fake-socket.spec-helper';
import { AGENT_WEBSOCKET_CTOR } from './websocket-ctor';

const jwt = (sub: string, exp: number) => handmadeJwt(JSON.stringify({ sub, exp }));

const now = nowSeconds();
const TOKEN = jwt('alice', now + 3600);
const ROTATED = jwt('bob', now + 3600);
const EXPIRED = jwt('carol', now - 60);

/** Any of the three tokens: their payload segments are unique and survive URL encoding unchanged. */
function mentionsToken(values: readonly unknown[]): boolean {
  return [TOKEN, ROTATED, EXPIRED].some((token) => mentions(token, values));
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));
const host = location.host;
const origin = location.origin;

describe('AgentSocketFactory', () => {
  let answer: () => TokenResult | Promise<TokenResult>;
  let reads: number;
  let failures: AgentAuthFailure[];
  let logged: unknown[];
  let seen: unknown[];
  let redirects: string[];
  let http: HttpTestingController;
  let sockets: SocketApis;

  beforeEach(() => {
    FakeSocket.made = [];
    answer = () => TOKEN;
    reads = 0;
    failures = [];
    logged = [];
    seen = [];
    redirects = [];
    TestBed.configureTestingModule({
      providers: [
        // The real interceptor is registered, as in an app: the probe must still report once.
        provideHttpClient(withInterceptors([agentAuthInterceptor])),
        provideHttpClientTesting(),
        provideAgentAuth({
          tokenGetter: () => {
            reads++;
            return answer();
          },
        }),
        { provide: AGENT_WEBSOCKET_CTOR, useValue: FakeSocket },
        // The failure path's redirect is recorded instead of leaving Karma's page.
        {
          provide: AGENT_AUTH_PAGE,
          useValue: {
            href: `${location.origin}/workspace/7`,
            baseURI: `${location.origin}/`,
            origin: location.origin,
            assign: (url: string) => redirects.push(url),
          },
        },
      ],
    });
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spyOn(console, level).and.callFake((...args: unknown[]) => logged.push(...args));
    }
    TestBed.inject(AgentAuthFailures).failures$.subscribe((failure) => failures.push(failure));
    http = TestBed.inject(HttpTestingController);
    sockets = socketApis(TestBed.inject(Injector));
  });

  afterEach(() => {
    http.verify();
    expect(mentionsToken(failures)).withContext('a reported failure holds the token').toBeFalse();
    expect(mentionsToken(logged)).withContext('a console line holds the token').toBeFalse();
    expect(mentionsToken(seen)).withContext('an error the app saw holds the token').toBeFalse();
    expect(mentionsToken(redirects)).withContext('a redirect holds the token').toBeFalse();
  });

  /** A factory on another page (https, non-root base), with another config or constructor. */
  function factoryWith(
    options: {
      page?: { baseURI: string; origin: string };
      config?: AgentAuthConfig;
      ctor?: null;
    } = {},
  ) {
    const providers: unknown[] = [AgentSocketFactory, AgentSocketConnector, LiveSockets];
    if (options.page) {
      const doc = { baseURI: options.page.baseURI, location: { origin: options.page.origin } };
      // The registry reads the page; the document only tells it there is no window (no tabs).
      providers.push(
        { provide: DOCUMENT, useValue: doc },
        {
          provide: AGENT_AUTH_PAGE,
          useValue: pageOf({ baseURI: doc.baseURI, location: null }),
        },
      );
    }
    if (options.config) {
      providers.push({
        provide: AGENT_AUTH_CONFIG,
        useValue: resolveConfig({ tokenGetter: () => answer(), ...options.config }),
      });
    }
    if (options.ctor === null) providers.push({ provide: AGENT_WEBSOCKET_CTOR, useValue: null });
    const injector = createEnvironmentInjector(
      providers as Parameters<typeof createEnvironmentInjector>[0],
      TestBed.inject(EnvironmentInjector),
    );
    return socketApis(injector);
  }

  const httpsPage = {
    baseURI: 'https://app.example/texera/index.html',
    origin: 'https://app.example',
  };

  /** Catches what the factory throws, for the leak scan and for assertions. */
  function thrown(action: () => unknown): unknown {
    try {
      action();
    } catch (error) {
      seen.push(error);
      return error;
    }
    return undefined;
  }

  it('the leak scan recognises a token, raw or URL-encoded', () => {
    expect(mentionsToken([`x${TOKEN}y`])).toBeTrue();
    expect(
      mentionsToken([{ url: `wss://h/?access-token=${encodeURIComponent(ROTATED)}` }]),
    ).toBeTrue();
    expect(mentionsToken([new Error(EXPIRED)])).toBeTrue();
    expect(mentionsToken(['nothing here'])).toBeFalse();
  });

  describe('url()', () => {
    it('builds ws: on an http page, with the token as the one access-token', () => {
      const url = sockets.url('/api/agents/a1/react');
      expect(url).toBe(`ws://${host}/api/agents/a1/react?access-token=${TOKEN}`);
      expect(new URL(url!).searchParams.get('access-token')).toBe(TOKEN);
    });

    it('builds wss: on an https page, relative to a non-root base href', () => {
      const url = factoryWith({ page: httpsPage }).url('api/agents/a1/react');
      expect(url).toBe(`wss://app.example/texera/api/agents/a1/react?access-token=${TOKEN}`);
      expect(factoryWith({ page: httpsPage }).url('/api/agents/a1/react')).toMatch(
        /^wss:\/\/app\.example\/api\/agents\/a1\/react\?access-token=/,
      );
    });

    it('keeps other params, replaces every existing access-token, drops the fragment', () => {
      const url = sockets.url(
        '/api/agents/a1/react?x=1&access-token=old&y=a%20b&access-token=older#f',
      );
      const parsed = new URL(url!);
      expect(parsed.searchParams.getAll('access-token')).toEqual([TOKEN]);
      expect(parsed.searchParams.get('x')).toBe('1');
      expect(parsed.searchParams.get('y')).toBe('a b');
      expect(parsed.hash).toBe('');
    });

    it('accepts an absolute URL on an allowed origin, given as https: or wss:', () => {
      const factory = factoryWith({ config: { allowedOrigins: ['https://agents.example:8443'] } });
      for (const given of ['https', 'wss']) {
        const url = factory.url(`${given}://agents.example:8443/api/agents/a1/react`);
        expect(url).toMatch(/^wss:\/\/agents\.example:8443\/api\/agents\/a1\/react\?access-token=/);
      }
    });

    it('uses the configured parameter name', () => {
      const url = factoryWith({ config: { tokenQueryParam: 'jwt' } }).url('/api/agents/a1/react');
      expect(new URL(url!).searchParams.get('jwt')).toBe(TOKEN);
      expect(url).not.toContain('access-token');
    });

    for (const [label, value] of [
      ['no token', null],
      ['an empty token', ''],
      ['a malformed token', 'not-a-jwt'],
      ['an expired token', EXPIRED],
    ] as const) {
      it(`is null for ${label}, without reporting`, () => {
        answer = () => value;
        expect(sockets.url('/api/agents/a1/react')).toBeNull();
        expect(failures).toEqual([]);
      });
    }

    it('is null with an async tokenGetter, which it cannot wait for', () => {
      answer = () => Promise.resolve(TOKEN);
      expect(sockets.url('/api/agents/a1/react')).toBeNull();
    });
  });

  describe('scope', () => {
    const refused = [
      'https://evil.example/api/agents/a1/react',
      'wss://evil.example/api/agents/a1/react',
      '//evil.example/api/agents/a1/react',
      '/api/other',
      '/api/agentsX/a1/react',
      `ws://${host}/api/other`,
    ];
    for (const path of refused) {
      for (const method of ['url', 'open', 'connect'] as const) {
        it(`${method}('${path}') throws a clear TypeError and never reads or sends the token`, () => {
          const error = thrown(() => sockets[method](path));
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain('is not an agent-service URL');
          expect(reads).toBe(0);
          expect(FakeSocket.made).toEqual([]);
          expect(failures).toEqual([]);
        });
      }
    }

    it('refuses ws: from an https page (a downgrade is another origin)', () => {
      const error = thrown(() =>
        factoryWith({ page: httpsPage }).open('ws://app.example/api/agents/a1/react'),
      );
      expect((error as Error).message).toContain('is not an agent-service URL');
      expect(FakeSocket.made).toEqual([]);
    });

    it('redacts a token the caller put in a refused URL', () => {
      const error = thrown(() =>
        sockets.url(`https://evil.example/api/agents?access-token=${TOKEN}`),
      );
      expect((error as Error).message).toContain('access-token=redacted');
    });
  });

  describe('open()', () => {
    it('returns the native socket, built with the token and the protocols', () => {
      const ws = sockets.open('/api/agents/a1/react', ['v1']);
      const fake = FakeSocket.made[0];
      expect(ws).toBe(fake as unknown as WebSocket);
      expect(fake.tokens()).toEqual([TOKEN]);
      expect(fake.protocols).toEqual(['v1']);
    });

    for (const [value, reason] of [
      [null, 'missing'],
      [EXPIRED, 'expired'],
    ] as const) {
      it(`without a usable token (${reason}) never throws: a stand-in fires error, then close 4401, to handlers set after open()`, async () => {
        answer = () => value;
        const url = `ws://${host}/api/agents/a1/react`;
        let ws: WebSocket | undefined;
        expect(() => (ws = sockets.open('/api/agents/a1/react'))).not.toThrow();
        // Texera's shape: handlers assigned on the lines after the socket is made.
        const events: string[] = [];
        const closes: CloseEvent[] = [];
        ws!.onmessage = () => events.push('message');
        ws!.onerror = () => events.push('error');
        ws!.onclose = (event) => {
          events.push('close');
          closes.push(event);
        };
        ws!.addEventListener('close', () => events.push('close listener'));
        expect(ws!.readyState).toBe(WebSocket.CONNECTING);
        expect(events).toEqual([]);
        await tick();
        expect(events).toEqual(['error', 'close', 'close listener']);
        expect(closes[0].code).toBe(4401);
        expect(closes[0].reason).toBe(reason);
        expect(ws!.readyState).toBe(WebSocket.CLOSED);
        expect(ws!.url).toBe(url);
        expect(() => ws!.send('hello')).not.toThrow();
        expect(FakeSocket.made).toEqual([]);
        // Reported once, when open() was called; the stand-in's close is not a second failure.
        expect(failures).toEqual([{ status: 401, reason, channel: 'socket', url }]);
      });
    }

    it('with an async tokenGetter throws a plain error that says to use connect(), reporting nothing', () => {
      answer = () => Promise.resolve(TOKEN);
      const error = thrown(() => sockets.open('/api/agents/a1/react'));
      expect(error).not.toBeInstanceOf(AgentAuthError);
      expect((error as Error).message).toContain('use connect()');
      expect(failures).toEqual([]);
      expect(FakeSocket.made).toEqual([]);
    });

    it('without any WebSocket constructor (server rendering) says so and reports nothing', () => {
      answer = () => null;
      const factory = factoryWith({ ctor: null });
      const error = thrown(() => factory.open('/api/agents/a1/react'));
      expect((error as Error).message).toContain('no WebSocket constructor');
      expect(failures).toEqual([]);
    });
  });

  it('runs the failure path: a burst of socket failures makes one redirect to login', async () => {
    answer = () => null;
    thrown(() => sockets.open('/api/agents/a1/react'));
    thrown(() => sockets.open('/api/agents/a2/react'));
    await tick();
    expect(failures.length).toBe(2);
    expect(redirects).toEqual([`${origin}/login?returnUrl=%2Fworkspace%2F7`]);
  });

  describe('close codes', () => {
    const auth = [
      [4401, 401, 'rejected'],
      [1008, 401, 'rejected'],
      [4403, 403, 'forbidden'],
    ] as const;

    for (const [code, status, reason] of auth) {
      it(`open(): ${code} reports ${status} ${reason} once, and the app still sees the close`, async () => {
        const ws = sockets.open('/api/agents/a1/react');
        const closes: number[] = [];
        ws.onclose = (event) => closes.push(event.code);
        FakeSocket.made[0].accept();
        FakeSocket.made[0].serverClose(code);
        // The app sees the close at once; a 401 is reported after its (async) stale check.
        expect(closes).toEqual([code]);
        await tick();
        const url = `ws://${host}/api/agents/a1/react`;
        expect(failures).toEqual([{ status, reason, channel: 'socket', url }]);
        expect(closes).toEqual([code]);
      });

      it(`connect(): ${code} reports ${status} ${reason} once`, async () => {
        let completed = false;
        sockets.connect('/api/agents/a1/react').subscribe({ complete: () => (completed = true) });
        FakeSocket.made[0].accept();
        FakeSocket.made[0].serverClose(code);
        // What a close means is settled asynchronously (the failure path is one async shape).
        await tick();
        expect(failures).toEqual([
          { status, reason, channel: 'socket', url: `ws://${host}/api/agents/a1/react` },
        ]);
        expect(completed).toBeTrue();
      });
    }

    for (const code of [1000, 1001]) {
      it(`open(): ${code} reaches the app unchanged, no failure, no probe`, () => {
        const ws = sockets.open('/api/agents/a1/react');
        const closes: number[] = [];
        ws.onclose = (event) => closes.push(event.code);
        FakeSocket.made[0].accept();
        FakeSocket.made[0].serverClose(code);
        expect(closes).toEqual([code]);
        expect(failures).toEqual([]);
      });

      it(`connect(): ${code} completes the subject, no failure, no probe`, async () => {
        let completed = false;
        sockets.connect('/api/agents/a1/react').subscribe({ complete: () => (completed = true) });
        FakeSocket.made[0].accept();
        FakeSocket.made[0].serverClose(code);
        await tick();
        expect(completed).toBeTrue();
        expect(failures).toEqual([]);
      });
    }

    it('connect(): a dropped connection after open errors with the CloseEvent itself, no probe', async () => {
      const errors: unknown[] = [];
      sockets.connect('/api/agents/a1/react').subscribe({ error: (e) => errors.push(e) });
      FakeSocket.made[0].accept();
      FakeSocket.made[0].serverClose(1006, false);
      await tick();
      expect(errors.length).toBe(1);
      expect(errors[0]).toBeInstanceOf(CloseEvent);
      expect((errors[0] as CloseEvent).code).toBe(1006);
      expect(failures).toEqual([]);
    });
  });

  describe('close before open: one authenticated probe', () => {
    function expectProbe(url = `${origin}/api/agents`) {
      const probe = http.expectOne(url);
      expect(probe.request.method).toBe('GET');
      expect(probe.request.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
      expect(probe.request.context.get(SKIP_AGENT_AUTH)).toBeTrue();
      return probe;
    }

    for (const form of ['open', 'connect'] as const) {
      const start = (factory: SocketApis, path = '/api/agents/a1/react') =>
        form === 'open'
          ? factory.open(path)
          : factory.connect(path).subscribe({ error: (e) => seen.push(e) });

      for (const [status, statusText, reason] of [
        [401, 'Unauthorized', 'rejected'],
        [403, 'Forbidden', 'forbidden'],
      ] as const) {
        it(`${form}(): probe ${status} -> exactly one ${status} ${reason} failure`, async () => {
          start(sockets);
          FakeSocket.made[0].refuse();
          await tick();
          expectProbe().flush('no', { status, statusText });
          expect(failures).toEqual([
            { status, reason, channel: 'socket', url: `ws://${host}/api/agents/a1/react` },
          ]);
        });
      }

      it(`${form}(): probe 200 -> no failure (a network problem, not auth)`, async () => {
        start(sockets);
        FakeSocket.made[0].refuse();
        await tick();
        expectProbe().flush('{"agents":[]}');
        expect(failures).toEqual([]);
      });
    }

    it('probes the same API root under a non-root base on an https page', async () => {
      factoryWith({ page: httpsPage }).open('api/agents/a1/react');
      FakeSocket.made[0].refuse();
      await tick();
      expectProbe('https://app.example/texera/api/agents').flush('', {
        status: 500,
        statusText: 'Server Error',
      });
      expect(failures).toEqual([]);
    });

    it('does not probe a socket the app closed while it was connecting', async () => {
      const ws = sockets.open('/api/agents/a1/react');
      ws.close();
      FakeSocket.made[0].refuse();
      await tick();
      expect(failures).toEqual([]);
    });

    it('reports the token problem instead of probing when the token is gone by then', async () => {
      sockets.open('/api/agents/a1/react');
      answer = () => EXPIRED;
      FakeSocket.made[0].refuse();
      await tick();
      expect(failures).toEqual([
        {
          status: 401,
          reason: 'expired',
          channel: 'socket',
          url: `ws://${host}/api/agents/a1/react`,
        },
      ]);
    });
  });
});
