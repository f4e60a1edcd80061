import { type EnvironmentProviders, type Provider, inject } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  AgentAuthFailures,
  AgentSocketFactory,
  agentAuthInterceptor,
  provideAgentAuth,
} from '@texera/agent-auth';

// Variant "ours": the library in full use: the interceptor, the socket factory, the failures.
export const httpProviders: (Provider | EnvironmentProviders)[] = [
  provideHttpClient(withInterceptors([agentAuthInterceptor])),
  provideAgentAuth(),
];

export function useAuth(): void {
  const socket = inject(AgentSocketFactory).open('/api/agents/a1/react');
  socket.onmessage = (event: MessageEvent) => console.log(event.data);
  inject(AgentAuthFailures).failures$.subscribe((failure) => console.log(failure.status));
}
