import { type EnvironmentProviders, type Provider } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { agentAuthInterceptor, provideAgentAuth } from '@texera/agent-auth';

// Variant "ours-interceptor": the library for HTTP only (no sockets, failures$ unread).
export const httpProviders: (Provider | EnvironmentProviders)[] = [
  provideHttpClient(withInterceptors([agentAuthInterceptor])),
  provideAgentAuth(),
];

export function useAuth(): void {
  // The interceptor does everything.
}
