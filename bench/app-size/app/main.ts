// The smallest standalone production app that makes an HTTP call, built once per auth setup
// (angular.json `bench-app`, one configuration per variant, each swapping `auth.ts`), so the
// bench can weigh what each setup adds to the app's main chunk.
import { HttpClient } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';

import { httpProviders, useAuth } from './auth';

@Component({
  selector: 'bench-app',
  template: '<p>{{ status() }}</p>',
})
class BenchApp {
  protected readonly status = signal('loading');

  constructor() {
    useAuth();
    inject(HttpClient)
      .get<{ agents: unknown[] }>('/api/agents')
      .subscribe((response) => this.status.set(`${response.agents.length} agents`));
  }
}

// A router in every variant, as in any real app (Texera's included): the library's failure path
// navigates with it, and an app without one would pay for it in the library's figure.
bootstrapApplication(BenchApp, { providers: [provideRouter([]), ...httpProviders] }).catch(
  (error: unknown) => console.error(error),
);
