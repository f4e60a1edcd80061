import type { EnvironmentProviders, ModuleWithProviders, Provider, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  HTTP_INTERCEPTORS,
  HttpClient,
  HttpClientModule,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
  withInterceptorsFromDi,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideLocationMocks } from '@angular/common/testing';
import { type Routes, provideRouter } from '@angular/router';
import { JwtInterceptor, JwtModule } from '@auth0/angular-jwt';

import { nowSeconds, signedJwt } from './token/tokens.spec-helper';
import { AGENT_AUTH_CONFIG, type AgentAuthConfig } from './config/config';
import { AgentAuthInterceptor, agentAuthInterceptor } from './http/interceptor';
import { AgentAuthModule, provideAgentAuth } from './provide';

/** For calls that must succeed: an error fails the spec at once instead of going unhandled. */
const noError = { error: (error: unknown) => fail(error) };

let JWT: string;
let EXPIRED: string;

// Navigation on a mock location, so a failure's redirect never touches the Karma page.
const routing = [
  provideRouter([
    { path: 'login', children: [] },
    { path: '**', children: [] },
  ]),
  provideLocationMocks(),
];

function wire(options: {
  imports?: (Type<unknown> | ModuleWithProviders<unknown>)[];
  providers?: (Provider | EnvironmentProviders)[];
}) {
  TestBed.configureTestingModule({
    imports: options.imports ?? [],
    providers: [...routing, ...(options.providers ?? []), provideHttpClientTesting()],
  });
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
}

/** The Authorization values each URL left with (null: it was not sent), after a GET to each. */
function headersFor(http: HttpClient, backend: HttpTestingController, urls: string[]) {
  const errors: Record<string, number> = {};
  for (const url of urls) {
    http.get(url).subscribe({ error: (e: HttpErrorResponse) => (errors[url] = e.status) });
  }
  const sent: Record<string, string[] | number> = {};
  for (const url of urls) {
    const [req] = backend.match(url);
    sent[url] = req ? (req.request.headers.getAll('Authorization') ?? []) : errors[url];
  }
  return sent;
}

/** Both agent URL forms carry the token; a call outside the agent API does not. */
function expectAgentCallsOnly(http: HttpClient, backend: HttpTestingController) {
  expect(headersFor(http, backend, ['/api/agents', 'api/agents/models', '/api/other'])).toEqual({
    '/api/agents': [`Bearer ${JWT}`],
    'api/agents/models': [`Bearer ${JWT}`],
    '/api/other': [],
  });
}

describe('wiring', () => {
  const storage = localStorage;

  beforeAll(async () => {
    JWT = await signedJwt(nowSeconds() + 3600);
    EXPIRED = await signedJwt(nowSeconds() - 60);
  });

  afterEach(() => {
    storage.removeItem('access_token');
    TestBed.inject(HttpTestingController).verify();
  });

  it('standalone: provideHttpClient(withInterceptors([agentAuthInterceptor])) + provideAgentAuth()', () => {
    const { http, backend } = wire({
      providers: [
        provideHttpClient(withInterceptors([agentAuthInterceptor])),
        provideAgentAuth({ tokenGetter: () => JWT }),
      ],
    });
    expectAgentCallsOnly(http, backend);
  });

  it('standalone without provideAgentAuth(): the defaults, token from localStorage', () => {
    storage.setItem('access_token', JWT);
    const { http, backend } = wire({
      providers: [provideHttpClient(withInterceptors([agentAuthInterceptor]))],
    });
    expect(headersFor(http, backend, ['/api/agents'])).toEqual({
      '/api/agents': [`Bearer ${JWT}`],
    });
  });

  it('NgModule: AgentAuthModule.forRoot() registers the class interceptor on HTTP_INTERCEPTORS', () => {
    const { http, backend } = wire({
      imports: [AgentAuthModule.forRoot({ tokenGetter: () => JWT })],
      providers: [provideHttpClient(withInterceptorsFromDi())],
    });
    const interceptors = TestBed.inject(HTTP_INTERCEPTORS);
    expect(interceptors.filter((i) => i instanceof AgentAuthInterceptor).length).toBe(1);
    expectAgentCallsOnly(http, backend);
  });

  it('NgModule exactly as Texera bootstraps: HttpClientModule + AgentAuthModule.forRoot(config)', () => {
    storage.setItem('access_token', JWT);
    const { http, backend } = wire({
      imports: [
        HttpClientModule,
        AgentAuthModule.forRoot({ apiPaths: ['/llm'], headerName: 'X-Agent-Token' }),
      ],
    });
    expect(TestBed.inject(AGENT_AUTH_CONFIG).apiPaths).toEqual(['/llm']);
    http.get('/llm/chat').subscribe(noError);
    http.get('/api/agents').subscribe(noError);
    expect(backend.expectOne('/llm/chat').request.headers.get('X-Agent-Token')).toBe(
      `Bearer ${JWT}`,
    );
    expect(backend.expectOne('/api/agents').request.headers.has('X-Agent-Token')).toBeFalse();
  });

  it('NgModule: an unusable token holds the agent call back with a 401', () => {
    const { http, backend } = wire({
      imports: [HttpClientModule, AgentAuthModule.forRoot({ tokenGetter: () => EXPIRED })],
    });
    expect(headersFor(http, backend, ['/api/agents', '/api/other'])).toEqual({
      '/api/agents': 401,
      '/api/other': [],
    });
  });

  // Texera's app.module.ts (apache/texera, frontend/src/app/app.module.ts) imports
  //   JwtModule.forRoot({ config: { tokenGetter: AuthService.getAccessToken,
  //     skipWhenExpired: false, throwNoTokenError: false, disallowedRoutes: ["forum/api/users"] } })
  // with getAccessToken = localStorage.getItem("access_token") and no allowedDomains, so
  // angular-jwt sends the token on every same-host request, agent calls included. The issue
  // asks for skipWhenExpired: true as well, so both are run, with either module imported first.
  describe('next to @auth0/angular-jwt configured as Texera does', () => {
    const texeraJwt = (skipWhenExpired: boolean) =>
      JwtModule.forRoot({
        config: {
          tokenGetter: () => localStorage.getItem('access_token'),
          skipWhenExpired,
          throwNoTokenError: false,
          disallowedRoutes: ['forum/api/users'],
        },
      });

    for (const skipWhenExpired of [false, true]) {
      for (const oursFirst of [false, true]) {
        const order = oursFirst ? 'agent-auth first' : 'angular-jwt first';
        const wireBoth = () => {
          const modules = [AgentAuthModule.forRoot(), texeraJwt(skipWhenExpired)];
          const result = wire({
            imports: [HttpClientModule, ...(oursFirst ? modules : modules.reverse())],
          });
          const classes = TestBed.inject(HTTP_INTERCEPTORS).map((i) => i.constructor);
          const expected = [AgentAuthInterceptor, JwtInterceptor];
          expect(classes).toEqual(oursFirst ? expected : expected.reverse());
          return result;
        };

        describe(`skipWhenExpired: ${skipWhenExpired}, ${order}`, () => {
          it('agent calls carry exactly one, correct Authorization header', () => {
            storage.setItem('access_token', JWT);
            const { http, backend } = wireBoth();
            expect(
              headersFor(http, backend, [
                '/api/agents',
                'api/agents/models',
                '/api/agents/a1/settings',
              ]),
            ).toEqual({
              '/api/agents': [`Bearer ${JWT}`],
              'api/agents/models': [`Bearer ${JWT}`],
              '/api/agents/a1/settings': [`Bearer ${JWT}`],
            });
          });

          it("Texera's other calls keep what angular-jwt gives them, and nothing from us", () => {
            storage.setItem('access_token', JWT);
            const { http, backend } = wireBoth();
            expect(headersFor(http, backend, ['/api/workflow/list', 'forum/api/users'])).toEqual({
              '/api/workflow/list': [`Bearer ${JWT}`],
              'forum/api/users': [],
            });
          });

          it('an expired or missing token: the agent call is not sent, the caller gets 401', () => {
            storage.setItem('access_token', EXPIRED);
            const { http, backend } = wireBoth();
            expect(headersFor(http, backend, ['/api/agents'])).toEqual({ '/api/agents': 401 });
            storage.removeItem('access_token');
            expect(headersFor(http, backend, ['/api/agents'])).toEqual({ '/api/agents': 401 });
          });
        });
      }
    }
  });
});

describe('provideAgentAuth and AgentAuthModule.forRoot', () => {
  it('reports a bad config where it is written, not on the first request', () => {
    expect(() => provideAgentAuth({ leewaySeconds: NaN })).toThrowError(TypeError, /leewaySeconds/);
    expect(() => AgentAuthModule.forRoot({ allowedOrigins: ['*.example'] })).toThrowError(
      TypeError,
      /allowedOrigins/,
    );
  });

  describe('dev mode: a loginRoute the app does not route is said once at startup', () => {
    let errors: jasmine.Spy;
    beforeEach(() => (errors = spyOn(console, 'error')));

    function start(routes: Routes | null, config: AgentAuthConfig = {}, viaModule = false) {
      TestBed.configureTestingModule({
        imports: viaModule ? [AgentAuthModule.forRoot(config)] : [],
        providers: [
          ...(routes ? [provideRouter(routes), provideLocationMocks()] : []),
          ...(viaModule ? [] : [provideAgentAuth(config)]),
          provideHttpClient(),
          provideHttpClientTesting(),
        ],
      });
      TestBed.inject(HttpClient);
    }

    // Texera's routes: the sign-in page is /about and "**" sends everything else to the workflows.
    const texera: Routes = [
      { path: 'about', children: [] },
      { path: 'user/workflow', children: [] },
      { path: '**', redirectTo: 'user/workflow' },
    ];

    it('names loginRoute and the route when only the catch-all would take it', () => {
      start(texera);
      expect(errors).toHaveBeenCalledTimes(1);
      const [message] = errors.calls.mostRecent().args as [string];
      expect(message).toContain('loginRoute "/login"');
      expect(message).toContain("loginRoute: '/about'");
    });

    it('the same through AgentAuthModule.forRoot, and for a forbiddenRoute of its own', () => {
      start(texera, { loginRoute: '/about', forbiddenRoute: '/denied' }, true);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.calls.mostRecent().args[0]).toContain('forbiddenRoute "/denied"');
      expect(errors.calls.mostRecent().args[0]).not.toContain('loginRoute "');
    });

    it("stays quiet for Texera's real configuration, and for an app without routes", () => {
      start(texera, { loginRoute: '/about' });
      TestBed.resetTestingModule();
      start(null);
      expect(errors).not.toHaveBeenCalled();
    });
  });
});
