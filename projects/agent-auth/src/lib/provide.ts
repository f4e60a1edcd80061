import { HTTP_INTERCEPTORS } from '@angular/common/http';
import {
  EnvironmentProviders,
  ModuleWithProviders,
  NgModule,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { ROUTES } from '@angular/router';

import { AGENT_AUTH_CONFIG, type AgentAuthConfig, resolveConfig } from './config/config';
import { AgentAuthInterceptor } from './http/interceptor';
import { unroutedKeys, unroutedMessage } from './config/route-check';

/**
 * A loginRoute the app does not route is a silent failure in production (the catch-all takes
 * the user elsewhere), so development builds say it once, loudly, at startup.
 */
function checkRoutesAtStartup(): void {
  const routes = inject(ROUTES, { optional: true })?.flat() ?? [];
  // An app without routes redirects by page URL; there is nothing to check against.
  if (routes.length === 0) return;
  const unrouted = unroutedKeys(routes, inject(AGENT_AUTH_CONFIG));
  if (unrouted.length > 0) console.error(unroutedMessage(unrouted));
}

/**
 * Standalone apps: `provideAgentAuth(config)` next to
 * `provideHttpClient(withInterceptors([agentAuthInterceptor]))`. Everything else the library
 * injects (socket factory, failures) is `providedIn: 'root'` and reads this config.
 */
export function provideAgentAuth(config: AgentAuthConfig = {}): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: AGENT_AUTH_CONFIG, useValue: resolveConfig(config) },
    // `ngDevMode` is false in production builds, which then drop the check and its message.
    typeof ngDevMode !== 'undefined' && ngDevMode
      ? provideEnvironmentInitializer(checkRoutesAtStartup)
      : [],
  ]);
}

/** NgModule apps (Texera): `AgentAuthModule.forRoot(config)` also registers the class interceptor. */
@NgModule()
export class AgentAuthModule {
  static forRoot(config: AgentAuthConfig = {}): ModuleWithProviders<AgentAuthModule> {
    return {
      ngModule: AgentAuthModule,
      providers: [
        provideAgentAuth(config),
        { provide: HTTP_INTERCEPTORS, useClass: AgentAuthInterceptor, multi: true },
      ],
    };
  }
}
