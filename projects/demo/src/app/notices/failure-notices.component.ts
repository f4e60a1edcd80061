import { Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AgentAuthFailures } from '@texera/agent-auth';

import { UserService } from '../auth/user.service';
import { NotificationService } from './notification.service';
import { type Notice, addNotice } from './notice';

/**
 * A visible notice for every `failures$` event, above whatever page the redirect lands on.
 * A sign-in starts a new session, so the notices of the last one (and the app's own messages)
 * are cleared then.
 */
@Component({
  selector: 'demo-failure-notices',
  templateUrl: './failure-notices.component.html',
})
export class FailureNoticesComponent {
  protected readonly notices = signal<Notice[]>([]);

  constructor() {
    const destroyRef = inject(DestroyRef);
    const appMessages = inject(NotificationService);
    inject(AgentAuthFailures)
      .failures$.pipe(takeUntilDestroyed(destroyRef))
      .subscribe((failure) => this.notices.update((list) => addNotice(list, failure)));
    inject(UserService)
      .signedIn$.pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => {
        this.notices.set([]);
        appMessages.clear();
      });
  }

  protected dismiss(key: string): void {
    this.notices.update((list) => list.filter((notice) => notice.key !== key));
  }
}
