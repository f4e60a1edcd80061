import { provideLocationMocks } from '@angular/common/testing';
import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  type AgentAuthFailure,
  AgentAuthFailures,
  AgentAuthModule,
  CLOSE_UNAUTHENTICATED,
} from '@texera/agent-auth';
import {
  AgentAuthTestingToken,
  AgentSocketTestingController,
  provideAgentAuthTesting,
  testToken,
} from '@texera/agent-auth/testing';
import { firstValueFrom } from 'rxjs';

import { routes } from '../app.routes';
import { DevTokenService } from '../auth/dev-token.service';
import { AgentService } from './agent.service';

// The demo's AgentService as its AppModule wires the library (class interceptor through
// AgentAuthModule.forRoot, HttpClient with DI interceptors), run by Vitest as Texera runs its
// specs, against the built package and its testing entry.
const TOKEN = testToken({ sub: 'alice', role: 'REGULAR' });
const REACT = '/api/agents/a1/react';

describe('AgentService through @texera/agent-auth/testing', () => {
  let service: AgentService;
  let sockets: AgentSocketTestingController;
  let http: HttpTestingController;
  let failures: AgentAuthFailure[];

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AgentAuthModule.forRoot()],
      providers: [
        provideHttpClient(withInterceptorsFromDi()),
        provideHttpClientTesting(),
        provideRouter(routes),
        provideLocationMocks(),
        provideAgentAuthTesting({ token: TOKEN }),
      ],
    });
    service = TestBed.inject(AgentService);
    sockets = TestBed.inject(AgentSocketTestingController);
    http = TestBed.inject(HttpTestingController);
    failures = [];
    TestBed.inject(AgentAuthFailures).failures$.subscribe((failure) => failures.push(failure));
  });

  afterEach(() => {
    sockets.verify();
    http.verify();
  });

  it('the react socket: opened with the token, frames reach the handlers, sendMessage goes out', () => {
    const socket = service.openReactSocket('a1');
    // Texera's shape: handlers assigned after the socket is returned.
    const frames: unknown[] = [];
    let opened = false;
    socket.onopen = () => (opened = true);
    socket.onmessage = (event: MessageEvent) => frames.push(JSON.parse(event.data as string));

    const server = sockets.expectOne(REACT);
    expect(server.token).toBe(TOKEN);
    server.open();
    server.receive({ type: 'step', content: 'getWorkflow()' });
    server.receive({ type: 'status', state: 'completed' });
    service.sendMessage(socket, 'Which operators does the sales workflow use?');

    expect(opened).toBe(true);
    expect(frames).toEqual([
      { type: 'step', content: 'getWorkflow()' },
      { type: 'status', state: 'completed' },
    ]);
    expect(server.sent.map((frame) => JSON.parse(frame as string))).toEqual([
      {
        type: 'message',
        content: 'Which operators does the sales workflow use?',
        messageSource: 'chat',
      },
    ]);
    expect(failures).toEqual([]);
  });

  it('a 4401 close is one 401 failure (URL without the token) and a redirect to sign-in', async () => {
    const socket = service.openReactSocket('a1');
    const codes: number[] = [];
    socket.onclose = (event: CloseEvent) => codes.push(event.code);
    const server = sockets.expectOne(REACT);
    server.open();
    server.close(CLOSE_UNAUTHENTICATED, 'token expired');

    expect(codes).toEqual([CLOSE_UNAUTHENTICATED]);
    // The library holds a pending task while it judges the 401 and then redirects, so a stable
    // app has reported it and navigated.
    await TestBed.inject(ApplicationRef).whenStable();
    expect(failures).toEqual([
      {
        status: 401,
        reason: 'rejected',
        channel: 'socket',
        url: `ws://${location.host}${REACT}`,
      },
    ]);
    expect(TestBed.inject(Router).url).toMatch(/^\/login\?returnUrl=/);
  });

  it('REST calls carry exactly one Bearer with the token; other calls of the app carry none', async () => {
    const agents = firstValueFrom(service.getAllAgents());
    const list = http.expectOne('/api/agents');
    expect(list.request.headers.getAll('Authorization')).toEqual([`Bearer ${TOKEN}`]);
    list.flush({ agents: [] });
    expect(await agents).toEqual([]);

    service.createAgent('claude-sonnet-4', 'analyst').subscribe();
    const created = http.expectOne({ method: 'POST', url: '/api/agents' });
    expect(created.request.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    created.flush({ id: 'a1', name: 'analyst' });

    const models = firstValueFrom(service.fetchModelTypes());
    const modelList = http.expectOne((req) => req.url.endsWith('models'));
    expect(modelList.request.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    modelList.flush({ object: 'list', data: [{ id: 'claude-sonnet-4' }] });
    expect(await models).toEqual([{ id: 'claude-sonnet-4', name: 'Claude Sonnet 4' }]);

    TestBed.inject(DevTokenService).mint({ role: 'REGULAR', ttlSeconds: 60 }).subscribe();
    const mint = http.expectOne('/dev/token');
    expect(mint.request.headers.has('Authorization')).toBe(false);
    mint.flush({ token: 'x' });
  });

  it('signed out (AgentAuthTestingToken.set(null)): an agent call is not sent and fails with 401', async () => {
    TestBed.inject(AgentAuthTestingToken).set(null);
    await expect(firstValueFrom(service.getAllAgents())).rejects.toMatchObject({ status: 401 });
    http.expectNone('/api/agents');
    expect(failures.map((f) => `${f.status} ${f.reason} ${f.channel}`)).toEqual([
      '401 missing http',
    ]);
  });
});
