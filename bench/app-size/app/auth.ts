import { type EnvironmentProviders, type Provider } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';

// Variant "http-only", the baseline: HttpClient and nothing for auth. Every other variant is a
// file that replaces this one (angular.json bench-app configurations).
export const httpProviders: (Provider | EnvironmentProviders)[] = [provideHttpClient()];

export function useAuth(): void {
  // Nothing to use.
}
