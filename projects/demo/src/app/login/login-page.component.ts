import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { isSafeReturnUrl } from '@texera/agent-auth';

import { DevTokenService, type TexeraRole } from '../auth/dev-token.service';
import { UserService } from '../auth/user.service';

const HOME = '/agents';

/**
 * Sign-in for the demo: a token minted by the gateway for a chosen role and lifetime, or one
 * pasted in. Afterwards the user goes back to `returnUrl`, but only when the library calls it safe.
 */
@Component({
  selector: 'demo-login-page',
  imports: [ReactiveFormsModule],
  templateUrl: './login-page.component.html',
})
export class LoginPageComponent {
  private readonly router = inject(Router);
  private readonly devTokens = inject(DevTokenService);
  private readonly users = inject(UserService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly roles: TexeraRole[] = ['REGULAR', 'ADMIN', 'RESTRICTED', 'INACTIVE'];
  protected readonly lifetimes = [
    { seconds: 5, label: '5 seconds (watch it expire)' },
    { seconds: 60, label: '1 minute' },
    { seconds: 3600, label: '1 hour' },
    { seconds: 8 * 3600, label: '8 hours' },
  ];

  protected readonly mintForm = this.fb.group({
    role: this.fb.control<TexeraRole>('REGULAR'),
    ttlSeconds: this.fb.control(3600),
    name: this.fb.control('alice', Validators.required),
  });
  protected readonly pasteForm = this.fb.group({
    token: this.fb.control('', Validators.required),
  });

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly requestedReturnUrl =
    inject(ActivatedRoute).snapshot.queryParamMap.get('returnUrl');
  /** An unsafe `returnUrl` (another origin, a script, the login page itself) is ignored. */
  protected readonly ignoredReturnUrl =
    this.requestedReturnUrl !== null && !isSafeReturnUrl(this.requestedReturnUrl);
  /** Where sign-in leads. */
  protected readonly target =
    this.requestedReturnUrl !== null && !this.ignoredReturnUrl ? this.requestedReturnUrl : HOME;

  protected mint(): void {
    const { role, ttlSeconds, name } = this.mintForm.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.devTokens.mint({ role, ttlSeconds: Number(ttlSeconds), name }).subscribe({
      next: (token) => this.signIn(token),
      error: () => {
        this.busy.set(false);
        this.error.set('The gateway did not issue a token. Is it running with dev tokens on?');
      },
    });
  }

  protected usePasted(): void {
    this.signIn(this.pasteForm.getRawValue().token.trim());
  }

  private signIn(token: string): void {
    this.users.login(token);
    this.busy.set(false);
    void this.router.navigateByUrl(this.target);
  }
}
