import { Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, NavigationSkipped, NavigationStart, Router } from '@angular/router';
import { filter } from 'rxjs';

import { clearAccessToken, getAccessToken } from '../auth/access-token';
import { type SessionSummary, summarizeToken } from '../auth/session';

const LOGIN_PATH = '/login';

function isLoginUrl(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0];
  return path === LOGIN_PATH;
}

/**
 * The frame around every page: who is signed in, the failure notices, and how many times the
 * app was sent to sign-in (the e2e suite reads it to prove a burst of 401s redirects once).
 */
@Component({
  selector: 'demo-root',
  templateUrl: './app.component.html',
  // Texera declares its components in AppModule; the root has to be for bootstrapModule.
  // eslint-disable-next-line @angular-eslint/prefer-standalone
  standalone: false,
})
export class AppComponent {
  private readonly router = inject(Router);
  protected readonly session = signal<SessionSummary | null>(null);
  protected readonly loginNavigations = signal(0);

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.router.events.pipe(takeUntilDestroyed(destroyRef)).subscribe((event) => {
      // A skipped navigation is still a request to go to sign-in, so it counts too.
      if (
        (event instanceof NavigationStart || event instanceof NavigationSkipped) &&
        isLoginUrl(event.url)
      ) {
        this.loginNavigations.update((n) => n + 1);
      }
    });
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.refreshSession());
    // Another tab signing in or out changes what this one would send.
    const onStorage = () => this.refreshSession();
    window.addEventListener('storage', onStorage);
    destroyRef.onDestroy(() => window.removeEventListener('storage', onStorage));
    this.refreshSession();
  }

  protected signOut(): void {
    clearAccessToken();
    this.refreshSession();
    void this.router.navigateByUrl(LOGIN_PATH);
  }

  private refreshSession(): void {
    this.session.set(summarizeToken(getAccessToken(), Date.now()));
  }
}
