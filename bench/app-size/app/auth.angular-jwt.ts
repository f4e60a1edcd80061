import { type EnvironmentProviders, type Provider, importProvidersFrom } from '@angular/core';
import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { JwtModule } from '@auth0/angular-jwt';

// Variant "angular-jwt": @auth0/angular-jwt configured as Texera's AppModule does. Its
// interceptor is a class registered through HTTP_INTERCEPTORS, hence withInterceptorsFromDi.
export const httpProviders: (Provider | EnvironmentProviders)[] = [
  provideHttpClient(withInterceptorsFromDi()),
  importProvidersFrom(
    JwtModule.forRoot({
      config: {
        tokenGetter: () => localStorage.getItem('access_token'),
        skipWhenExpired: true,
        throwNoTokenError: false,
        disallowedRoutes: ['forum/api/users', 'api/config/pre-login'],
      },
    }),
  ),
];

export function useAuth(): void {
  // The interceptor does everything.
}
