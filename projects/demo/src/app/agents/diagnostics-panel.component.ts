import { HttpClient } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { catchError, forkJoin, map, of } from 'rxjs';

import { AgentService } from './agent.service';
import { statusOf, tallyStatuses } from './http-error';

const BURST_SIZE = 20;
/** A call to Texera's own backend, outside the agent API: angular-jwt's token, the app's 401 rule. */
export const APP_API_CALL = '/api/workflow/list';

/**
 * Checks a colleague can run by hand: many agent calls at once (one redirect however many
 * 401s come back), a call of the app's own API (whose 401 is the app's interceptor's, not the
 * library's), and a call to another origin (which must never carry the token).
 */
@Component({
  selector: 'demo-diagnostics-panel',
  imports: [FormsModule],
  templateUrl: './diagnostics-panel.component.html',
})
export class DiagnosticsPanelComponent {
  private readonly agentService = inject(AgentService);
  private readonly http = inject(HttpClient);

  protected readonly burstSize = BURST_SIZE;
  protected readonly burstResult = signal<string | null>(null);
  protected readonly foreignResult = signal<string | null>(null);
  protected readonly appApiResult = signal<string | null>(null);
  protected readonly appApiCall = APP_API_CALL;
  protected foreignUrl = '';

  protected burst(): void {
    this.burstResult.set('Sending…');
    const calls = Array.from({ length: BURST_SIZE }, () =>
      this.agentService.getAllAgents().pipe(
        map(() => 200),
        catchError((err: unknown) => of(statusOf(err))),
      ),
    );
    // Not tied to the page's lifetime: the redirect that a 401 causes must not abort the rest.
    forkJoin(calls).subscribe((statuses) => this.burstResult.set(tallyStatuses(statuses)));
  }

  protected callAppApi(): void {
    this.appApiResult.set('Calling…');
    this.http.get(APP_API_CALL, { observe: 'response', responseType: 'text' }).subscribe({
      next: (response) => this.appApiResult.set(String(response.status)),
      error: (err: unknown) => this.appApiResult.set(`failed: ${statusOf(err)}`),
    });
  }

  protected callForeign(): void {
    const url = this.foreignUrl.trim();
    if (!url) return;
    this.foreignResult.set('Calling…');
    this.http.get(url, { observe: 'response', responseType: 'text' }).subscribe({
      next: (response) => this.foreignResult.set(`${response.status} from ${new URL(url).origin}`),
      error: (err: unknown) => this.foreignResult.set(`failed: ${statusOf(err)}`),
    });
  }
}
