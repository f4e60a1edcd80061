import type { ModuleWithProviders } from '@angular/core';
import { JwtModule } from '@auth0/angular-jwt';

import { getAccessToken } from './access-token';

/**
 * angular-jwt next to the library, exactly as Texera's AppModule configures it: same-origin
 * requests only (no allowedDomains), expired tokens held back, two routes skipped. The
 * `no-angular-jwt` build swaps this file for `angular-jwt.none.ts`, so the e2e suite can show
 * that the agent calls' Bearer comes from the library alone.
 */
export const ANGULAR_JWT: ModuleWithProviders<unknown>[] = [
  JwtModule.forRoot({
    config: {
      tokenGetter: getAccessToken,
      skipWhenExpired: true,
      throwNoTokenError: false,
      disallowedRoutes: ['forum/api/users', 'api/config/pre-login'],
    },
  }),
];
