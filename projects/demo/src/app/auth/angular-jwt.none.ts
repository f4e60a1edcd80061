import type { ModuleWithProviders } from '@angular/core';

/** The `no-angular-jwt` build's stand-in for `angular-jwt.ts`: the app registers no angular-jwt. */
export const ANGULAR_JWT: ModuleWithProviders<unknown>[] = [];
