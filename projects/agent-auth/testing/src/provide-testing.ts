import {
  type EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import {
  AGENT_WEBSOCKET_CTOR,
  type AgentAuthConfig,
  provideAgentAuth,
  ɵTOKEN_QUERY_PARAM as TOKEN_QUERY_PARAM,
} from '@texera/agent-auth';

import { AgentSocketTestingController } from './socket-testing-controller';
import { testToken } from './test-token';

export interface AgentAuthTestingOptions extends Omit<AgentAuthConfig, 'tokenGetter'> {
  /** What the library reads as the stored token; null for a signed-out user. Default `testToken()`. */
  token?: string | null;
}

/** The token the library sees in a test, in place of localStorage; inject it to change it. */
export class AgentAuthTestingToken {
  constructor(private value: string | null) {}

  get(): string | null {
    return this.value;
  }

  /** The next request and socket connect read this one (`null`: signed out). */
  set(token: string | null): void {
    this.value = token;
  }
}

/**
 * The library for a unit test: its config with a token held in memory (`AgentAuthTestingToken`)
 * and every agent socket routed to `AgentSocketTestingController`, so nothing reaches the network
 * or localStorage. HTTP stays the app's: add `provideHttpClientTesting()` and the interceptor as the
 * app registers it.
 */
export function provideAgentAuthTesting(
  options: AgentAuthTestingOptions = {},
): EnvironmentProviders {
  const { token = testToken(), ...config } = options;
  const current = new AgentAuthTestingToken(token);
  const param = config.tokenQueryParam ?? TOKEN_QUERY_PARAM;
  return makeEnvironmentProviders([
    provideAgentAuth({ ...config, tokenGetter: () => current.get() }),
    { provide: AgentAuthTestingToken, useValue: current },
    // Every injector (each TestBed test) starts from the configured token, even when one set of
    // these providers is shared by several tests.
    provideEnvironmentInitializer(() => current.set(token)),
    {
      provide: AgentSocketTestingController,
      useFactory: () => new AgentSocketTestingController(param),
    },
    {
      provide: AGENT_WEBSOCKET_CTOR,
      useFactory: () => inject(AgentSocketTestingController).webSocketCtor,
    },
  ]);
}
