import { HttpClient } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { catchError, forkJoin, map, of } from 'rxjs';

import { AgentService } from './agent.service';
import { statusOf, tallyStatuses } from './http-error';

const BURST_SIZE = 20;

/**
 * Two checks a colleague can run by hand: many agent calls at once (one redirect however many
 * 401s come back), and a call to another origin (which must never carry the token).
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
