import { Injectable } from '@angular/core';
import { Observable, Subject } from 'rxjs';

export type AgentAuthFailureReason = 'missing' | 'expired' | 'rejected' | 'forbidden';
export type AgentAuthChannel = 'http' | 'socket';

export interface AgentAuthFailure {
  readonly status: 401 | 403;
  readonly reason: AgentAuthFailureReason;
  readonly channel: AgentAuthChannel;
  /** Token redacted (see `redactToken`). */
  readonly url: string;
}

/**
 * The one place every agent 401/403 goes, from the interceptor and the socket factory alike.
 * SKELETON: the redirect logic is built by the failures issue (#4).
 */
@Injectable({ providedIn: 'root' })
export class AgentAuthFailures {
  private readonly events = new Subject<AgentAuthFailure>();
  readonly failures$: Observable<AgentAuthFailure> = this.events.asObservable();

  report(failure: AgentAuthFailure): void {
    this.events.next(failure);
  }
}
