import { Injector } from '@angular/core';
import { PLATFORM_ID } from '@angular/core';
import { TestBed, fakeAsync, flush, flushMicrotasks, tick } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';

import type { AgentAuthConfig } from '../config/config';
import type { AgentAuthFailure } from '../failures/failure';
import { FakeSocket } from './fake-socket.spec-helper';
import { AgentAuthFailures } from '../failures/failures';
import { AGENT_AUTH_PAGE } from '../url/page';
import { provideAgentAuth } from '../provide';
import { type SocketApis, socketApis } from './socket-apis.spec-helper';
import { handmadeJwt, mentions } from '../token/tokens.spec-helper';
import { AGENT_WEBSOCKET_CTOR } from './websocket-ctor';

// fakeAsync fakes Date.now() too; every token is made relative to the fake clock's start.
const jwt = (sub: string, exp: number) => handmadeJwt(JSON.stringify({ sub, exp }));
const PATH = '/api/agents/a1/react';
const URL_SHOWN = `ws://${location.host}${PATH}`;
const DAY_MS = 24 * 3600 * 1000;

/** The token lifecycle: stale 401s, sockets closed at exp, sign-out heard from other tabs. */
describe('LiveSockets: the token lifecycle of every agent socket', () => {
  let stored: string | null;
  let failures: AgentAuthFailure[];
  let redirects: string[];
  let logouts: number;
  let tokens: string[];
  let sockets: SocketApis;

  function configure(config: AgentAuthConfig = {}, platform = 'browser'): void {
    FakeSocket.made = [];
    failures = [];
    redirects = [];
    logouts = 0;
    tokens = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAgentAuth({
          tokenGetter: () => stored,
          // Texera's logout(): the stored token is gone.
          onUnauthorized: () => {
            logouts++;
            stored = null;
          },
          ...config,
        }),
        { provide: AGENT_WEBSOCKET_CTOR, useValue: FakeSocket },
        { provide: PLATFORM_ID, useValue: platform },
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
    TestBed.inject(AgentAuthFailures).failures$.subscribe((f) => failures.push(f));
    sockets = socketApis(TestBed.inject(Injector));
  }

  /**
   * A token expiring `seconds` from the (fake) now, remembered for the leak scan. The fake clock
   * is first moved to a whole second, so that `exp` is exactly `seconds` away.
   */
  function token(sub: string, seconds: number): string {
    tick((1000 - (Date.now() % 1000)) % 1000);
    const made = jwt(sub, Date.now() / 1000 + seconds);
    tokens.push(made);
    return made;
  }

  const failure = (reason: AgentAuthFailure['reason']): AgentAuthFailure => ({
    status: 401,
    reason,
    channel: 'socket',
    url: URL_SHOWN,
  });

  /** What another tab's change to localStorage looks like here (null key: storage cleared). */
  function signOutElsewhere(key: string | null = 'access_token', newValue: string | null = null) {
    if (key === 'access_token' || key === null) stored = newValue;
    window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));
  }

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    // A failure knows its token only as an in-memory fingerprint: never in what is emitted.
    for (const emitted of failures) {
      expect(Object.keys(emitted).sort()).toEqual(['channel', 'reason', 'status', 'url']);
    }
    expect(tokens.some((t) => mentions(t, [failures, redirects]))).toBeFalse();
  });

  describe('a 401 for a token the user has since replaced', () => {
    beforeEach(() => configure());

    it('open(): the server closes 4401 -> token-replaced is emitted and nothing else happens', fakeAsync(() => {
      stored = token('alice', 3600);
      const ws = sockets.open(PATH);
      const closes: number[] = [];
      ws.onclose = (event) => closes.push(event.code);
      FakeSocket.made[0].accept();
      stored = token('alice-again', 3600); // signed in again, maybe in another tab
      FakeSocket.made[0].serverClose(4401);
      flushMicrotasks();
      expect(failures).toEqual([failure('token-replaced')]);
      expect(logouts).toBe(0);
      expect(redirects).toEqual([]);
      // The app still sees its socket close, so it may open a new one.
      expect(closes).toEqual([4401]);
      flush();
    }));

    it('open(): the same 4401 for the stored token signs out once and redirects once', fakeAsync(() => {
      stored = token('alice', 3600);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      FakeSocket.made[0].serverClose(4401);
      flushMicrotasks();
      expect(failures).toEqual([failure('rejected')]);
      expect(logouts).toBe(1);
      expect(redirects.length).toBe(1);
      flush();
    }));

    it('open(): a replaced but unusable token is no excuse: the usual path runs', fakeAsync(() => {
      stored = token('alice', 3600);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      stored = token('alice-again', -60);
      FakeSocket.made[0].serverClose(4401);
      flushMicrotasks();
      expect(failures).toEqual([failure('rejected')]);
      expect(logouts).toBe(1);
      flush();
    }));

    it('connect(): reconnects with the stored token, unseen by the subject', fakeAsync(() => {
      const first = (stored = token('alice', 3600));
      const received: unknown[] = [];
      let opens = 0;
      let ended = false;
      const subject = sockets.connect<{ n: number }>(PATH, {
        openObserver: { next: () => opens++ },
      });
      subject.subscribe({
        next: (frame) => received.push(frame),
        complete: () => (ended = true),
        error: () => (ended = true),
      });
      const [old] = FakeSocket.made;
      expect(old.tokens()).toEqual([first]);
      old.accept();
      old.message('{"n":1}');
      const second = (stored = token('alice-again', 3600));
      old.serverClose(4401);
      flushMicrotasks();
      expect(FakeSocket.made.length).toBe(2);
      const replacement = FakeSocket.made[1];
      expect(replacement.tokens()).toEqual([second]);
      // Sent while the replacement connects: held, then delivered once it is open.
      subject.next({ n: 2 });
      expect(replacement.sent).toEqual([]);
      replacement.accept();
      expect(replacement.sent).toEqual(['{"n":2}']);
      replacement.message('{"n":3}');
      expect(received).toEqual([{ n: 1 }, { n: 3 }]);
      expect(opens).toBe(1);
      expect(ended).toBeFalse();
      expect(failures).toEqual([failure('token-replaced')]);
      expect(logouts).toBe(0);
      expect(redirects).toEqual([]);
      subject.complete();
      flush();
    }));

    it('connect(): a 4401 for the token it reconnected with is final', fakeAsync(() => {
      stored = token('alice', 3600);
      let completed = false;
      sockets.connect(PATH).subscribe({ complete: () => (completed = true) });
      FakeSocket.made[0].accept();
      stored = token('alice-again', 3600);
      FakeSocket.made[0].serverClose(4401);
      flushMicrotasks();
      FakeSocket.made[1].accept();
      FakeSocket.made[1].serverClose(4401);
      flushMicrotasks();
      expect(FakeSocket.made.length).toBe(2);
      expect(failures).toEqual([failure('token-replaced'), failure('rejected')]);
      expect(logouts).toBe(1);
      expect(redirects.length).toBe(1);
      expect(completed).toBeTrue();
      flush();
    }));

    it('a burst mixing stale and current 401s signs out exactly once', fakeAsync(() => {
      stored = token('alice', 3600);
      sockets.open(PATH);
      sockets.open(PATH);
      stored = token('alice-again', 3600);
      sockets.open(PATH);
      sockets.open(PATH);
      FakeSocket.made.forEach((fake) => fake.accept());
      // Old token first (stale), then the stored one (current), then old again.
      FakeSocket.made[0].serverClose(4401);
      FakeSocket.made[2].serverClose(4401);
      FakeSocket.made[1].serverClose(4401);
      FakeSocket.made[3].serverClose(4401);
      flushMicrotasks();
      expect(failures.map((f) => f.reason)).toEqual([
        'token-replaced',
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect(logouts).toBe(1);
      expect(redirects.length).toBe(1);
      flush();
    }));
  });

  describe('sockets end at exp', () => {
    it('open(): closed client-side with 4401 "expired" at exp, then one sign-out', fakeAsync(() => {
      configure();
      stored = token('alice', 60);
      sockets.open(PATH);
      const [fake] = FakeSocket.made;
      fake.accept();
      tick(59_999);
      expect(fake.closedWith).toBeNull();
      tick(1);
      expect(fake.closedWith).toEqual({ code: 4401, reason: 'expired' });
      fake.echoClose();
      flushMicrotasks();
      expect(failures).toEqual([failure('expired')]);
      expect(logouts).toBe(1);
      expect(redirects.length).toBe(1);
      flush();
    }));

    it('waits the leeway past exp, as for HTTP calls', fakeAsync(() => {
      configure({ leewaySeconds: 30 });
      stored = token('alice', 60);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      tick(89_999);
      expect(FakeSocket.made[0].closedWith).toBeNull();
      tick(1);
      expect(FakeSocket.made[0].closedWith).toEqual({ code: 4401, reason: 'expired' });
      flushMicrotasks();
      flush();
    }));

    it('also a socket still connecting, and one whose exp is weeks away (several timer hops)', fakeAsync(() => {
      configure();
      stored = token('alice', 30 * 24 * 3600);
      sockets.open(PATH);
      tick(30 * DAY_MS - 1);
      expect(FakeSocket.made[0].closedWith).toBeNull();
      tick(1);
      expect(FakeSocket.made[0].closedWith).toEqual({ code: 4401, reason: 'expired' });
      flushMicrotasks();
      expect(failures).toEqual([failure('expired')]);
      flush();
    }));

    it('the server closing it first wins: one failure, and the timer is gone', fakeAsync(() => {
      configure();
      stored = token('alice', 60);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      tick(59_000);
      FakeSocket.made[0].serverClose(4401);
      tick(60_000);
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toBeNull();
      expect(failures).toEqual([failure('rejected')]);
      expect(logouts).toBe(1);
      flush();
    }));

    it('a socket the app closed before exp is left alone', fakeAsync(() => {
      configure();
      stored = token('alice', 60);
      const ws = sockets.open(PATH);
      FakeSocket.made[0].accept();
      ws.close(1000);
      FakeSocket.made[0].echoClose();
      tick(120_000);
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toEqual({ code: 1000, reason: undefined });
      expect(failures).toEqual([]);
      flush();
    }));

    it('with a newer usable token stored by then: token-replaced, no sign-out', fakeAsync(() => {
      configure();
      stored = token('alice', 60);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      tick(30_000);
      stored = token('alice-again', 3600);
      tick(30_000);
      expect(FakeSocket.made[0].closedWith).toEqual({ code: 4401, reason: 'expired' });
      FakeSocket.made[0].echoClose();
      flushMicrotasks();
      expect(failures).toEqual([failure('token-replaced')]);
      expect(logouts).toBe(0);
      expect(redirects).toEqual([]);
      flush();
    }));

    it('connect(): at exp with a newer token stored, reconnects with it', fakeAsync(() => {
      configure();
      stored = token('alice', 60);
      let ended = false;
      const subject = sockets.connect(PATH);
      subject.subscribe({ complete: () => (ended = true), error: () => (ended = true) });
      FakeSocket.made[0].accept();
      const second = (stored = token('alice-again', 3600));
      tick(60_000);
      FakeSocket.made[0].echoClose();
      flushMicrotasks();
      expect(FakeSocket.made.length).toBe(2);
      expect(FakeSocket.made[1].tokens()).toEqual([second]);
      expect(ended).toBeFalse();
      expect(failures).toEqual([failure('token-replaced')]);
      subject.complete();
      tick(3_600_000);
      flushMicrotasks();
      flush();
    }));

    it('connect(): at exp with nothing newer, the subject ends and the user is signed out once', fakeAsync(() => {
      configure();
      stored = token('alice', 60);
      let completed = false;
      sockets.connect(PATH).subscribe({ complete: () => (completed = true) });
      FakeSocket.made[0].accept();
      tick(60_000);
      FakeSocket.made[0].echoClose();
      flushMicrotasks();
      expect(FakeSocket.made.length).toBe(1);
      expect(completed).toBeTrue();
      expect(failures).toEqual([failure('expired')]);
      expect(logouts).toBe(1);
      flush();
    }));
  });

  describe('other tabs', () => {
    it('a sign-out elsewhere closes every agent socket with 4401 "signed-out" and redirects once', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      sockets.open(PATH);
      let completed = false;
      sockets.connect(PATH).subscribe({ complete: () => (completed = true) });
      FakeSocket.made.forEach((fake) => fake.accept());
      signOutElsewhere();
      flushMicrotasks();
      for (const fake of FakeSocket.made) {
        expect(fake.closedWith).toEqual({ code: 4401, reason: 'signed-out' });
        fake.echoClose();
      }
      flushMicrotasks();
      expect(failures).toEqual([failure('signed-out'), failure('signed-out')]);
      expect(logouts).toBe(1);
      expect(redirects.length).toBe(1);
      expect(completed).toBeTrue();
      flush();
    }));

    it('so does clearing the whole storage', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      sockets.open(PATH);
      signOutElsewhere(null);
      flushMicrotasks();
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toEqual({ code: 4401, reason: 'signed-out' });
      expect(failures).toEqual([failure('signed-out')]);
      flush();
    }));

    it('a replaced token changes nothing for open sockets; the next connect reads it', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      const second = token('alice-again', 3600);
      signOutElsewhere('access_token', second);
      flushMicrotasks();
      signOutElsewhere('theme', null);
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toBeNull();
      expect(failures).toEqual([]);
      sockets.open(PATH);
      expect(FakeSocket.made[1].tokens()).toEqual([second]);
      FakeSocket.made.forEach((fake) => fake.close());
      tick(3_600_000);
      flushMicrotasks();
      flush();
    }));

    it('with no agent socket open, a sign-out elsewhere is left to the app', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      signOutElsewhere();
      flushMicrotasks();
      flushMicrotasks();
      expect(failures).toEqual([]);
      expect(redirects).toEqual([]);
      flush();
    }));

    it('on the server (SSR) nothing listens for storage events', fakeAsync(() => {
      configure({}, 'server');
      stored = token('alice', 3600);
      sockets.open(PATH);
      signOutElsewhere();
      flushMicrotasks();
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toBeNull();
      expect(failures).toEqual([]);
      FakeSocket.made[0].close();
      tick(3_600_000);
      flush();
    }));
  });

  describe('issue 19: storage areas, the redial budget, async getters, expiry seen by the server', () => {
    const storageEvent = (key: string | null, storageArea: Storage) =>
      window.dispatchEvent(new StorageEvent('storage', { key, newValue: null, storageArea }));

    it('a change to sessionStorage (a frame clearing it) closes nothing, even with no token', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      stored = null;
      storageEvent(null, sessionStorage);
      storageEvent('access_token', sessionStorage);
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toBeNull();
      expect(failures).toEqual([]);
      flush();
    }));

    it('a token removed from localStorage while the getter still has a usable one closes nothing', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      sockets.open(PATH);
      FakeSocket.made[0].accept();
      storageEvent('access_token', localStorage);
      storageEvent(null, localStorage);
      flushMicrotasks();
      expect(FakeSocket.made[0].closedWith).toBeNull();
      expect(failures).toEqual([]);
      flush();
    }));

    it('connect(): redials at most once per stored token, then the failure path', fakeAsync(() => {
      configure();
      stored = token('alice', 3600);
      let ended = false;
      sockets
        .connect(PATH)
        .subscribe({ complete: () => (ended = true), error: () => (ended = true) });
      const b = token('bob', 3600);
      const c = token('carol', 3600);
      // Two other tabs keep swapping the stored token; each swap is a stale 4401 here.
      for (const next of [b, c, b]) {
        FakeSocket.made.at(-1)!.accept();
        stored = next;
        FakeSocket.made.at(-1)!.serverClose(4401);
        flushMicrotasks();
      }
      expect(FakeSocket.made.map((fake) => fake.tokens()[0])).toEqual([tokens[0], b, c]);
      expect(failures.map((f) => f.reason)).toEqual([
        'token-replaced',
        'token-replaced',
        'token-replaced',
        'rejected',
      ]);
      expect(logouts).toBe(1);
      expect(ended).toBeTrue();
      flush();
    }));

    it('connect(): with an async tokenGetter a stale 4401 reconnects once the getter answers', fakeAsync(() => {
      configure({ tokenGetter: () => Promise.resolve(stored) });
      stored = token('alice', 3600);
      let ended = false;
      sockets
        .connect(PATH)
        .subscribe({ complete: () => (ended = true), error: () => (ended = true) });
      flushMicrotasks();
      FakeSocket.made[0].accept();
      const second = (stored = token('alice-again', 3600));
      FakeSocket.made[0].serverClose(4401);
      flushMicrotasks();
      expect(FakeSocket.made.length).toBe(2);
      expect(FakeSocket.made[1].tokens()).toEqual([second]);
      expect(failures).toEqual([failure('token-replaced')]);
      expect(ended).toBeFalse();
      FakeSocket.made[1].accept();
      FakeSocket.made[1].serverClose(1000);
      flushMicrotasks();
      expect(ended).toBeTrue();
      flush();
    }));

    for (const form of ['open', 'connect'] as const) {
      it(`${form}(): a 4401 once the sent token reached exp (the server closing at exp) is expired`, fakeAsync(() => {
        configure();
        stored = token('alice', 60);
        if (form === 'open') sockets.open(PATH);
        else sockets.connect(PATH).subscribe({ error: () => undefined });
        FakeSocket.made[0].accept();
        // The server's close arrives before this tab's own timer (a throttled background tab).
        const atExp = Date.now() + 60_000;
        spyOn(Date, 'now').and.returnValue(atExp);
        FakeSocket.made[0].serverClose(4401);
        flushMicrotasks();
        expect(failures).toEqual([failure('expired')]);
        flush();
      }));
    }
  });
});
