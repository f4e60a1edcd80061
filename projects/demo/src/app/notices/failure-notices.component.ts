import { Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AgentAuthFailures } from '@texera/agent-auth';

import { type Notice, addNotice } from './notice';

/** A visible notice for every `failures$` event, above whatever page the redirect lands on. */
@Component({
  selector: 'demo-failure-notices',
  templateUrl: './failure-notices.component.html',
})
export class FailureNoticesComponent {
  protected readonly notices = signal<Notice[]>([]);

  constructor() {
    inject(AgentAuthFailures)
      .failures$.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((failure) => this.notices.update((list) => addNotice(list, failure)));
  }

  protected dismiss(key: string): void {
    this.notices.update((list) => list.filter((notice) => notice.key !== key));
  }
}
