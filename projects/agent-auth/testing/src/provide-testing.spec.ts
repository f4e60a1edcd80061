import { provideLocationMocks } from '@angular/common/testing';
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  type AgentAuthFailure,
  AgentAuthFailures,
  AgentSocketFactory,
  agentAuthInterceptor,
} from '@texera/agent-auth';
import { AgentSocketConnector } from '@texera/agent-auth/rxjs';

import { AgentAuthTestingToken, provideAgentAuthTesting } from './provide-testing';
import { AgentSocketTestingController } from './socket-testing-controller';
import { testToken } from './test-token';

@Component({ template: '' })
class SignInStub {}

const TOKEN = testToken({ sub: 'alice' });
const REACT = '/api/agents/a1/react';
const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

/** The real library (sources, as the app would use it) with the testing entry's providers. */
function configure(testing = provideAgentAuthTesting({ token: TOKEN })) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([agentAuthInterceptor])),
      provideHttpClientTesting(),
      // The failure path's redirect goes through a router on mocked locations, not Karma's page.
      provideRouter([{ path: 'login', component: SignInStub }]),
      provideLocationMocks(),
      testing,
    ],
  });
}

describe('provideAgentAuthTesting with the real AgentSocketFactory', () => {
  let sockets: AgentSocketFactory;
  let controller: AgentSocketTestingController;
  let http: HttpTestingController;
  let failures: AgentAuthFailure[];

  beforeEach(() => {
    configure();
    sockets = TestBed.inject(AgentSocketFactory);
    controller = TestBed.inject(AgentSocketTestingController);
    http = TestBed.inject(HttpTestingController);
    failures = [];
    TestBed.inject(AgentAuthFailures).failures$.subscribe((failure) => failures.push(failure));
  });

  afterEach(() => {
    controller.verify();
    http.verify();
    expect(JSON.stringify(failures)).not.toContain(TOKEN);
  });

  it("open(): the token rides in the URL, Texera's handlers assigned after open() hear open and frames, sends are recorded", () => {
    const socket = sockets.open(REACT);
    const heard: string[] = [];
    socket.onopen = () => heard.push('open');
    socket.onmessage = (event: MessageEvent) => heard.push(String(event.data));

    const server = controller.expectOne(REACT);
    expect(server.socket).toBe(socket);
    expect(server.token).toBe(TOKEN);
    expect(new URL(server.url).origin).toBe(location.origin.replace(/^http/, 'ws'));
    server.open();
    server.receive({ type: 'step', content: 'getWorkflow()' });
    socket.send(JSON.stringify({ type: 'message', content: 'hi', messageSource: 'chat' }));

    expect(heard).toEqual(['open', '{"type":"step","content":"getWorkflow()"}']);
    expect(server.sent).toEqual(['{"type":"message","content":"hi","messageSource":"chat"}']);
    expect(failures).toEqual([]);
  });

  it('a 4401 close from the server is one 401 failure on failures$, URL without the token, then sign-in', async () => {
    sockets.open(REACT);
    const server = controller.expectOne(REACT);
    server.open();
    server.close(4401, 'token expired');
    // The stale check before a 401 is reported is async.
    await tick();
    expect(failures).toEqual([
      { status: 401, reason: 'rejected', channel: 'socket', url: `ws://${location.host}${REACT}` },
    ]);
    expect(TestBed.inject(Router).url).toMatch(/^\/login\?returnUrl=/);
  });

  it('a 4403 close is a 403 failure', () => {
    sockets.open(REACT);
    const server = controller.expectOne(REACT);
    server.open();
    server.close(4403, 'forbidden');
    expect(failures.map((f) => `${f.status} ${f.reason}`)).toEqual(['403 forbidden']);
  });

  it("a refused upgrade makes the library probe the API with the token; the probe's 401 is the failure", async () => {
    sockets.open(REACT);
    controller.expectOne(REACT).refuse();
    await tick();
    const probe = http.expectOne(`${location.origin}/api/agents`);
    expect(probe.request.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    probe.flush({ error: 'unauthorized' }, { status: 401, statusText: 'Unauthorized' });
    expect(failures.map((f) => `${f.status} ${f.reason} ${f.channel}`)).toEqual([
      '401 rejected socket',
    ]);
  });

  it("the app's own close() of an open socket is no failure", async () => {
    const socket = sockets.open(REACT);
    const server = controller.expectOne(REACT);
    server.open();
    socket.close(1000);
    await tick();
    expect(server.clientClose).toEqual({ code: 1000, reason: undefined });
    expect(socket.readyState).toBe(WebSocket.CLOSED);
    expect(failures).toEqual([]);
  });

  it('AgentAuthTestingToken changes the token the next socket and request carry', () => {
    const next = testToken({ sub: 'bob' });
    TestBed.inject(AgentAuthTestingToken).set(next);
    sockets.open(REACT);
    expect(controller.expectOne(REACT).token).toBe(next);
  });

  it('connect(): the rxjs subject runs over the controlled socket', () => {
    const frames: unknown[] = [];
    const subject = TestBed.inject(AgentSocketConnector).connect<{ type: string }>(REACT);
    subject.subscribe((frame) => frames.push(frame));
    const server = controller.expectOne(REACT);
    expect(server.token).toBe(TOKEN);
    server.open();
    server.receive({ type: 'step' });
    subject.next({ type: 'message' });
    expect(frames).toEqual([{ type: 'step' }]);
    expect(server.sent).toEqual(['{"type":"message"}']);
    subject.complete();
  });
});

describe('provideAgentAuthTesting', () => {
  it('a token changed in one test does not leak into the next, even with shared providers', () => {
    const shared = provideAgentAuthTesting({ token: TOKEN });
    configure(shared);
    TestBed.inject(AgentAuthTestingToken).set(testToken({ sub: 'bob' }));
    TestBed.resetTestingModule();
    configure(shared);
    expect(TestBed.inject(AgentAuthTestingToken).get()).toBe(TOKEN);
  });

  it('without a token option, the library gets a usable REGULAR testToken()', () => {
    configure(provideAgentAuthTesting());
    TestBed.inject(AgentSocketFactory).open(REACT);
    const token = TestBed.inject(AgentSocketTestingController).expectOne(REACT).token!;
    expect(JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))).toEqual(
      jasmine.objectContaining({ role: 'REGULAR', sub: 'test-user' }),
    );
  });

  it('token: null is a signed-out user: an agent call is refused with 401 before it is sent', () => {
    configure(provideAgentAuthTesting({ token: null }));
    const errors: number[] = [];
    TestBed.inject(HttpClient)
      .get('/api/agents')
      .subscribe({
        error: (error: { status: number }) => errors.push(error.status),
      });
    TestBed.inject(HttpTestingController).expectNone('/api/agents');
    expect(errors).toEqual([401]);
  });
});
