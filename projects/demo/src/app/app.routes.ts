import type { Routes } from '@angular/router';

import { AgentsPageComponent } from './agents/agents-page.component';
import { LoginPageComponent } from './login/login-page.component';

// No auth guard on /agents on purpose: the library's failure path is what sends a user
// without a usable token to sign-in, and the demo shows it doing so.
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'agents' },
  { path: 'login', component: LoginPageComponent, title: 'Sign in · agent-auth demo' },
  { path: 'agents', component: AgentsPageComponent, title: 'Agents · agent-auth demo' },
  { path: '**', redirectTo: 'agents' },
];
