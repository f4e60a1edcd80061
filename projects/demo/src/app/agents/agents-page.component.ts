import { DatePipe } from '@angular/common';
import { Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';

import { AgentService } from './agent.service';
import type { AgentInfo, ModelType } from './agent-types';
import { ChatPanelComponent } from './chat-panel.component';
import { DiagnosticsPanelComponent } from './diagnostics-panel.component';
import { describeHttpError } from './http-error';
import { SettingsFormComponent } from './settings-form.component';

/** The agent workspace: the list, the create form, and the selected agent's settings and chat. */
@Component({
  selector: 'demo-agents-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    ChatPanelComponent,
    DiagnosticsPanelComponent,
    SettingsFormComponent,
  ],
  templateUrl: './agents-page.component.html',
})
export class AgentsPageComponent {
  private readonly agentService = inject(AgentService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly agents = signal<AgentInfo[]>([]);
  protected readonly models = signal<ModelType[]>([]);
  protected readonly selected = signal<AgentInfo | null>(null);
  protected readonly status = signal<string | null>('Loading agents…');
  protected readonly creating = signal(false);

  protected readonly createForm = this.fb.group({
    name: this.fb.control('analyst', Validators.required),
    modelType: this.fb.control('', Validators.required),
  });

  constructor() {
    this.refresh();
    this.agentService
      .fetchModelTypes()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((models) => {
        this.models.set(models);
        if (!this.createForm.controls.modelType.value && models.length) {
          this.createForm.controls.modelType.setValue(models[0].id);
        }
      });
  }

  protected refresh(): void {
    this.agentService
      .getAllAgents()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (agents) => {
          this.agents.set(agents);
          this.status.set(null);
        },
        error: (err: unknown) =>
          this.status.set(`Could not load agents: ${describeHttpError(err)}`),
      });
  }

  protected create(): void {
    const { name, modelType } = this.createForm.getRawValue();
    this.creating.set(true);
    this.agentService
      .createAgent(modelType, name)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (agent) => {
          this.creating.set(false);
          this.agents.update((list) => [...list, agent]);
          this.selected.set(agent);
        },
        error: (err: unknown) => {
          this.creating.set(false);
          this.status.set(`Could not create the agent: ${describeHttpError(err)}`);
        },
      });
  }

  protected select(agent: AgentInfo): void {
    this.selected.set(agent);
  }
}
