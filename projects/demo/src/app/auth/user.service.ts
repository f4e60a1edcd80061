import { Injectable, signal } from '@angular/core';
import { Subject } from 'rxjs';

import {
  ACCESS_TOKEN_KEY,
  clearAccessToken,
  getAccessToken,
  storeAccessToken,
} from './access-token';

/**
 * The part of Texera's `UserService` the auth paths touch: `isLogin()`, which its global 401
 * interceptor checks to handle a burst once, and `logout()`, which both that interceptor and the
 * library's `onUnauthorized` call. Texera keeps the user in memory; the demo reads the stored token.
 */
@Injectable({ providedIn: 'root' })
export class UserService {
  /** Every sign-in, in this tab or (through a `storage` event) in another one. */
  readonly signedIn$ = new Subject<void>();
  /** How many times `logout()` ran; the footer shows it so the e2e suite can count owners. */
  readonly logouts = signal(0);

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key === ACCESS_TOKEN_KEY && event.newValue) this.signedIn$.next();
    });
  }

  isLogin(): boolean {
    return getAccessToken() !== null;
  }

  login(token: string): void {
    storeAccessToken(token);
    this.signedIn$.next();
  }

  logout(): void {
    this.logouts.update((n) => n + 1);
    clearAccessToken();
  }
}
