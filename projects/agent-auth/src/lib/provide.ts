import { HTTP_INTERCEPTORS } from '@angular/common/http';
import {
  EnvironmentProviders,
  ModuleWithProviders,
  NgModule,
  makeEnvironmentProviders,
} from '@angular/core';

import { AGENT_AUTH_CONFIG, type AgentAuthConfig, resolveConfig } from './config';
import { AgentAuthInterceptor } from './interceptor';

/**
 * Standalone apps: `provideAgentAuth(config)` next to
 * `provideHttpClient(withInterceptors([agentAuthInterceptor]))`. Everything else the library
 * injects (socket factory, failures) is `providedIn: 'root'` and reads this config.
 */
export function provideAgentAuth(config: AgentAuthConfig = {}): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: AGENT_AUTH_CONFIG, useValue: resolveConfig(config) },
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
