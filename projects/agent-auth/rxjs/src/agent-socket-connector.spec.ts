import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { retry } from 'rxjs';
import {
  AGENT_WEBSOCKET_CTOR,
  type AgentAuthFailure,
  AgentAuthError,
  AgentAuthFailures,
  type TokenResult,
  provideAgentAuth,
} from '@texera/agent-auth';

import { FakeSocket } from '../../src/lib/socket/fake-socket.spec-helper';
import { handmadeJwt, mentions, nowSeconds } from '../../src/lib/token/tokens.spec-helper';
import { AGENT_AUTH_PAGE } from '../../src/lib/url/page';
import { AgentSocketConnector } from './agent-socket-connector';

// The socket registry's rules (close codes, probe, expiry, sign-out) are specified for both
// socket APIs in src/lib/socket; these are what only connect() does: a WebSocketSubject.

const jwt = (sub: string, exp: number) => handmadeJwt(JSON.stringify({ sub, exp }));

const now = nowSeconds();
const TOKEN = jwt('alice', now + 3600);
const ROTATED = jwt('bob', now + 3600);
const EXPIRED = jwt('carol', now - 60);

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));
const host = location.host;

describe('AgentSocketConnector.connect()', () => {
  let answer: () => TokenResult | Promise<TokenResult>;
  let failures: AgentAuthFailure[];
  let seen: unknown[];
  let redirects: string[];
  let sockets: AgentSocketConnector;

  function configure(ctor: typeof FakeSocket | null = FakeSocket): void {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAgentAuth({ tokenGetter: () => answer() }),
        { provide: AGENT_WEBSOCKET_CTOR, useValue: ctor },
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
    TestBed.inject(AgentAuthFailures).failures$.subscribe((failure) => failures.push(failure));
    sockets = TestBed.inject(AgentSocketConnector);
  }

  beforeEach(() => {
    FakeSocket.made = [];
    answer = () => TOKEN;
    failures = [];
    seen = [];
    redirects = [];
    configure();
  });

  afterEach(() => {
    for (const token of [TOKEN, ROTATED, EXPIRED]) {
      expect(mentions(token, failures))
        .withContext('a reported failure holds the token')
        .toBeFalse();
      expect(mentions(token, seen)).withContext('an error the app saw holds the token').toBeFalse();
      expect(mentions(token, redirects)).withContext('a redirect holds the token').toBeFalse();
    }
  });

  it('connects on subscribe with the token and carries frames both ways', () => {
    const received: unknown[] = [];
    const subject = sockets.connect<{ n: number }>('/api/agents/a1/react', { protocol: 'v1' });
    subject.subscribe((frame) => received.push(frame));
    const fake = FakeSocket.made[0];
    expect(fake.tokens()).toEqual([TOKEN]);
    expect(fake.protocols).toBe('v1');
    fake.accept();
    subject.next({ n: 1 });
    fake.message('{"n":2}');
    expect(fake.sent).toEqual(['{"n":1}']);
    expect(received).toEqual([{ n: 2 }]);
  });

  it('reconnects after retry() with the rotated token', async () => {
    const subject = sockets.connect('/api/agents/a1/react');
    subject.pipe(retry(1)).subscribe({ error: (e) => seen.push(e) });
    FakeSocket.made[0].accept();
    answer = () => ROTATED;
    FakeSocket.made[0].serverClose(1006, false);
    await tick();
    expect(FakeSocket.made.length).toBe(2);
    expect(FakeSocket.made[1].tokens()).toEqual([ROTATED]);
    expect(failures).toEqual([]);
  });

  it('reads the token again when subscribed again after an unsubscribe', () => {
    const subject = sockets.connect('/api/agents/a1/react');
    subject.subscribe().unsubscribe();
    answer = () => ROTATED;
    subject.subscribe();
    expect(FakeSocket.made.map((fake) => fake.tokens())).toEqual([[TOKEN], [ROTATED]]);
  });

  for (const [value, reason] of [
    [null, 'missing'],
    [EXPIRED, 'expired'],
  ] as const) {
    it(`without a usable token (${reason}) the subject errors with AgentAuthError and reports once`, () => {
      answer = () => value;
      const errors: unknown[] = [];
      sockets.connect('/api/agents/a1/react').subscribe({ error: (e) => errors.push(e) });
      seen.push(...errors);
      expect(errors.length).toBe(1);
      expect(errors[0]).toBeInstanceOf(AgentAuthError);
      expect(errors[0]).toEqual(jasmine.objectContaining({ status: 401, reason }));
      expect(failures).toEqual([
        { status: 401, reason, channel: 'socket', url: `ws://${host}/api/agents/a1/react` },
      ]);
      expect(FakeSocket.made).toEqual([]);
    });
  }

  it('waits for an async tokenGetter, then behaves like a socket', async () => {
    answer = () => Promise.resolve(TOKEN);
    const received: unknown[] = [];
    const subject = sockets.connect<string>('/api/agents/a1/react', {
      binaryType: 'arraybuffer',
      deserializer: (e) => String(e.data),
      serializer: (value) => value,
    });
    subject.subscribe((frame) => received.push(frame));
    expect(FakeSocket.made).toEqual([]);
    await tick();
    const fake = FakeSocket.made[0];
    expect(fake.tokens()).toEqual([TOKEN]);
    expect(fake.binaryType).toBe('arraybuffer');
    fake.accept();
    subject.next('hello');
    fake.message('hi');
    expect(fake.sent).toEqual(['hello']);
    expect(received).toEqual(['hi']);
  });

  it('errors with AgentAuthError when an async tokenGetter answers nothing', async () => {
    answer = () => Promise.resolve(null);
    const errors: unknown[] = [];
    sockets.connect('/api/agents/a1/react').subscribe({ error: (e) => errors.push(e) });
    await tick();
    seen.push(...errors);
    expect(errors.length).toBe(1);
    expect(errors[0]).toBeInstanceOf(AgentAuthError);
    expect(failures.length).toBe(1);
    expect(FakeSocket.made).toEqual([]);
  });

  it('builds nothing when unsubscribed before an async tokenGetter answered', async () => {
    answer = () => Promise.resolve(TOKEN);
    sockets.connect('/api/agents/a1/react').subscribe().unsubscribe();
    await tick();
    expect(FakeSocket.made).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('without any WebSocket constructor the subject errors and nothing is reported', () => {
    answer = () => null;
    const errors: unknown[] = [];
    TestBed.resetTestingModule();
    configure(null);
    sockets.connect('/api/agents/a1/react').subscribe({ error: (e) => errors.push(e) });
    seen.push(...errors);
    expect((errors[0] as Error).message).toContain('no WebSocket constructor');
    expect(failures).toEqual([]);
  });
});
