import { Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';

import { AgentService } from './agent.service';
import { describeHttpError } from './http-error';

/**
 * A few of Texera's agent settings, saved with `PATCH .../settings` (a method a GET/POST-only
 * check would block); the PATCH carries only these fields, the rest keep their values.
 */
@Component({
  selector: 'demo-settings-form',
  imports: [ReactiveFormsModule],
  templateUrl: './settings-form.component.html',
})
export class SettingsFormComponent {
  readonly agentId = input.required<string>();

  private readonly agentService = inject(AgentService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = inject(NonNullableFormBuilder).group({
    maxSteps: [10, [Validators.required, Validators.min(1), Validators.max(100)]],
    toolTimeoutSeconds: [120, [Validators.required, Validators.min(1), Validators.max(3600)]],
    executionTimeoutMinutes: [10, [Validators.required, Validators.min(1), Validators.max(600)]],
  });
  protected readonly status = signal<string | null>(null);
  protected readonly saving = signal(false);

  constructor() {
    effect(() => {
      const agentId = this.agentId();
      untracked(() => this.load(agentId));
    });
  }

  protected save(): void {
    this.saving.set(true);
    this.status.set(null);
    this.agentService
      .updateAgentSettings(this.agentId(), this.form.getRawValue())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (settings) => {
          this.saving.set(false);
          this.form.patchValue(settings);
          this.form.markAsPristine();
          this.status.set('Saved');
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.status.set(`Not saved: ${describeHttpError(err)}`);
        },
      });
  }

  private load(agentId: string): void {
    this.status.set(null);
    this.agentService
      .getAgentSettings(agentId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (settings) => {
          this.form.patchValue(settings);
          this.form.markAsPristine();
        },
        error: (err: unknown) =>
          this.status.set(`Could not load settings: ${describeHttpError(err)}`),
      });
  }
}
