import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';
import { findProvidersLiteral } from '@schematics/angular/utility/standalone/util';

import { FilePlan, HTTP, LIBRARY, mentions } from './plan';
import { NotUnderstood, appendToList, callName, callsNamed, insertBefore } from './ts-edits';
import { type Wiring, configLiteral } from './wiring';

const INTERCEPTOR = 'agentAuthInterceptor';
const WITH_INTERCEPTORS = `withInterceptors([${INTERCEPTOR}])`;

/** The lines a standalone app's config needs, for the user to add by hand. */
export function standaloneLines(wiring: Wiring): string[] {
  return [
    `import { provideHttpClient, withInterceptors } from '${HTTP}';`,
    `import { ${INTERCEPTOR}, provideAgentAuth } from '${LIBRARY}';`,
    `// in the app config's providers (with an existing provideHttpClient(...), add ${WITH_INTERCEPTORS} to it):`,
    `provideHttpClient(${WITH_INTERCEPTORS}),`,
    `provideAgentAuth(${configLiteral(wiring)}),`,
  ];
}

/**
 * A standalone app's config (`{ providers: [...] }`): the functional interceptor in its
 * `provideHttpClient(...)`, and `provideAgentAuth(...)` in its providers.
 */
export function planAppConfig(
  source: ts.SourceFile,
  config: ts.ObjectLiteralExpression,
  wiring: Wiring,
): FilePlan {
  const providers = findProvidersLiteral(config);
  if (!providers) throw new NotUnderstood('its app config has no `providers: [...]` array');
  const plan = new FilePlan(source);

  // A module or class interceptor already wired by hand counts as wired.
  if (mentions(providers, 'AgentAuthModule')) {
    plan.present.push('AgentAuthModule in providers (importProvidersFrom)');
    return plan;
  }
  if (mentions(providers, INTERCEPTOR) || mentions(providers, 'AgentAuthInterceptor')) {
    plan.present.push('the agent-auth interceptor in providers');
  } else {
    addInterceptor(plan, providers);
  }
  if (callsNamed(providers.elements, 'provideAgentAuth').length) {
    plan.present.push('provideAgentAuth(...) in providers');
  } else {
    const call = `provideAgentAuth(${configLiteral(wiring)})`;
    plan.add(`${call} in providers`, appendToList(source, providers.elements, call), {
      [LIBRARY]: ['provideAgentAuth'],
    });
  }
  return plan;
}

function addInterceptor(plan: FilePlan, providers: ts.ArrayLiteralExpression): void {
  const { source } = plan;
  const httpCalls = callsNamed(providers.elements, 'provideHttpClient');
  if (httpCalls.length > 1) throw new NotUnderstood('provideHttpClient(...) is called twice');
  const http = httpCalls[0];
  if (!http) {
    const call = `provideHttpClient(${WITH_INTERCEPTORS})`;
    plan.add(`${call} in providers`, appendToList(source, providers.elements, call), {
      [HTTP]: ['provideHttpClient', 'withInterceptors'],
      [LIBRARY]: [INTERCEPTOR],
    });
    return;
  }
  if (!http.arguments.every((a) => callName(a) !== undefined)) {
    throw new NotUnderstood('provideHttpClient(...) has arguments that are not feature calls');
  }
  const withCalls = callsNamed(http.arguments, 'withInterceptors');
  if (withCalls.length > 1) throw new NotUnderstood('withInterceptors(...) is called twice');
  const existing = withCalls[0];
  if (existing) {
    const list = existing.arguments[0];
    if (existing.arguments.length !== 1 || !ts.isArrayLiteralExpression(list)) {
      throw new NotUnderstood('withInterceptors(...) is not given an array literal');
    }
    plan.add(
      `${INTERCEPTOR} appended to withInterceptors([...])`,
      appendToList(source, list.elements, INTERCEPTOR),
      { [LIBRARY]: [INTERCEPTOR] },
    );
    return;
  }
  const fromDi = callsNamed(http.arguments, 'withInterceptorsFromDi')[0];
  // Functional interceptors listed before withInterceptorsFromDi() run outside the DI ones, so
  // ours sees a request before the app's class interceptors, as in the NgModule wiring.
  plan.add(
    fromDi
      ? `${WITH_INTERCEPTORS} in provideHttpClient(...), before withInterceptorsFromDi() (the app's class interceptors run inside ours)`
      : `${WITH_INTERCEPTORS} in provideHttpClient(...)`,
    fromDi
      ? [insertBefore(source, http.arguments, fromDi, WITH_INTERCEPTORS)]
      : appendToList(source, http.arguments, WITH_INTERCEPTORS),
    { [HTTP]: ['withInterceptors'], [LIBRARY]: [INTERCEPTOR] },
  );
}
