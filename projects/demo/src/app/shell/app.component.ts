import { Component, DestroyRef, NgZone, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, NavigationSkipped, NavigationStart, Router } from '@angular/router';
import { filter } from 'rxjs';

import { getAccessToken } from '../auth/access-token';
import { type SessionSummary, msUntilExpiry, summarizeToken } from '../auth/session';
import { UserService } from '../auth/user.service';
import { LOGIN_PATH } from '../login/login-path';
import { NotificationService } from '../notices/notification.service';

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
  private readonly zone = inject(NgZone);
  private readonly users = inject(UserService);
  protected readonly session = signal<SessionSummary | null>(null);
  protected readonly loginNavigations = signal(0);
  protected readonly logouts = this.users.logouts;
  protected readonly appErrors = inject(NotificationService).errors;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

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
    destroyRef.onDestroy(() => {
      window.removeEventListener('storage', onStorage);
      clearTimeout(this.expiryTimer);
    });
    this.refreshSession();
  }

  protected signOut(): void {
    this.users.logout();
    this.refreshSession();
    void this.router.navigateByUrl(LOGIN_PATH);
  }

  private refreshSession(): void {
    const summary = summarizeToken(getAccessToken(), Date.now());
    this.session.set(summary);
    clearTimeout(this.expiryTimer);
    const delay = msUntilExpiry(summary, Date.now());
    if (delay === null) return;
    // Outside Angular's zone: a timer hours long must not keep the app from ever being stable.
    // The signal it sets schedules the view update by itself.
    this.zone.runOutsideAngular(() => {
      this.expiryTimer = setTimeout(() => this.refreshSession(), delay);
    });
  }
}
