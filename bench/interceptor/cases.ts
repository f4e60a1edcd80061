// The interceptor cases, driven the way HttpClient drives them (each call inside
// runInInjectionContext, a `next` that answers at once), without TestBed or any HTTP.
// This one file is bundled by esbuild and run both in Node and in headless Chromium.
//
// JIT: our sources (decorators) and angular-jwt's partially compiled FESM both need the compiler
// facade once, at set-up; nothing on the measured path touches it.
import '@angular/compiler';
import {
  type ApplicationRef,
  type EnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
  importProvidersFrom,
  provideZonelessChangeDetection,
  runInInjectionContext,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import {
  HTTP_INTERCEPTORS,
  HttpEvent,
  HttpInterceptorFn,
  HttpRequest,
  HttpResponse,
} from '@angular/common/http';
import { JwtModule } from '@auth0/angular-jwt';
import { Observable, of } from 'rxjs';

import { AgentAuthModule, agentAuthInterceptor, provideAgentAuth } from '@texera/agent-auth';

import { type RoundsResult, interleavedRounds } from '../lib/rounds';

export interface InterceptorBenchOptions {
  token: string;
  requests: number;
  warmup: number;
  rounds: number;
}

// The three URLs Texera's AgentService calls (one relative to <base href>), and three of its
// other API calls for the "non-agent" case.
export const AGENT_URLS = ['/api/agents', 'api/models', '/api/agents/a1/settings'];
export const OTHER_URLS = ['/api/workflow/list', 'api/dataset/list', '/api/user/a1/settings'];

type Call = (req: HttpRequest<unknown>) => Observable<HttpEvent<unknown>>;

interface Case {
  name: string;
  urls: readonly string[];
  /** The Authorization header the request must leave with, or null for none. */
  expect: string | null;
  call: Call;
}

const RESPONSE$ = of(new HttpResponse<unknown>({ status: 200 }));
let forwarded: HttpRequest<unknown> | undefined;
const next = (req: HttpRequest<unknown>): Observable<HttpEvent<unknown>> => {
  forwarded = req;
  return RESPONSE$;
};

// A real application environment, as bootstrapApplication builds it (DOCUMENT comes from the
// platform: Chromium's page, or the stand-in the Node runner puts on globalThis).
async function app(providers: (Provider | EnvironmentProviders)[]): Promise<ApplicationRef> {
  return createApplication({ providers: [provideZonelessChangeDetection(), ...providers] });
}

function functional(injector: EnvironmentInjector, fn: HttpInterceptorFn): Call {
  return (req) => runInInjectionContext(injector, () => fn(req, next));
}

/** HTTP_INTERCEPTORS classes run inside the same injection context in HttpClient's chain. */
function classBased(injector: EnvironmentInjector): Call {
  const interceptors = injector.get(HTTP_INTERCEPTORS);
  if (interceptors.length !== 1)
    throw new Error(`expected one interceptor, got ${interceptors.length}`);
  const [interceptor] = interceptors;
  const handler = { handle: next };
  return (req) => runInInjectionContext(injector, () => interceptor.intercept(req, handler));
}

export async function buildCases(token: string): Promise<Case[]> {
  const tokenGetter = () => token;
  const bearer = `Bearer ${token}`;

  const ours = (await app([provideAgentAuth({ tokenGetter })])).injector;
  const oursModule = (await app([importProvidersFrom(AgentAuthModule.forRoot({ tokenGetter }))]))
    .injector;
  // Texera's app.module.ts: JwtModule.forRoot({ config: { ... } }), same-origin requests only.
  const angularJwt = (
    await app([
      importProvidersFrom(
        JwtModule.forRoot({
          config: {
            tokenGetter,
            skipWhenExpired: true,
            throwNoTokenError: false,
            disallowedRoutes: ['forum/api/users', 'api/config/pre-login'],
          },
        }),
      ),
    ])
  ).injector;
  const floor: HttpInterceptorFn = (req, nextFn) =>
    nextFn(req.clone({ setHeaders: { Authorization: bearer } }));

  return [
    { name: 'floor', urls: AGENT_URLS, expect: bearer, call: functional(ours, floor) },
    {
      name: 'ours, agent call',
      urls: AGENT_URLS,
      expect: bearer,
      call: functional(ours, agentAuthInterceptor),
    },
    {
      name: 'ours, non-agent call',
      urls: OTHER_URLS,
      expect: null,
      call: functional(ours, agentAuthInterceptor),
    },
    {
      name: 'ours, class (NgModule), agent call',
      urls: AGENT_URLS,
      expect: bearer,
      call: classBased(oursModule),
    },
    {
      name: '@auth0/angular-jwt',
      urls: AGENT_URLS,
      expect: bearer,
      call: classBased(angularJwt),
    },
  ];
}

/** Fails loudly when a case does not do its job, so a broken case can never post a fast time. */
function check(c: Case): void {
  for (const url of c.urls) {
    forwarded = undefined;
    let responses = 0;
    c.call(new HttpRequest('GET', url)).subscribe({ next: () => responses++ });
    // `next` sets it during subscribe, which TypeScript cannot see.
    const sent = forwarded as HttpRequest<unknown> | undefined;
    const header = sent?.headers.get('Authorization') ?? null;
    if (responses !== 1 || header !== c.expect) {
      throw new Error(
        `interceptor case "${c.name}" on ${url}: ${responses} response(s), ` +
          `Authorization ${header === null ? 'absent' : 'set'}, expected it ${c.expect === null ? 'absent' : 'set'}`,
      );
    }
  }
}

function timer(c: Case): (count: number) => number {
  const requests = c.urls.map((url) => new HttpRequest('GET', url));
  let responses = 0;
  const observer = { next: () => void responses++ };
  return (count) => {
    responses = 0;
    const started = performance.now();
    for (let i = 0; i < count; i++) c.call(requests[i % requests.length]).subscribe(observer);
    const elapsed = performance.now() - started;
    if (responses !== count) throw new Error(`interceptor case "${c.name}" lost responses`);
    return (elapsed * 1e6) / count;
  };
}

/** Nanoseconds per request, per case: median of interleaved rounds. */
export async function runInterceptorBench(
  options: InterceptorBenchOptions,
): Promise<RoundsResult[]> {
  const cases = await buildCases(options.token);
  cases.forEach(check);
  return interleavedRounds(
    cases.map((c) => ({ name: c.name, run: timer(c) })),
    options,
  );
}
