import { DatePipe } from '@angular/common';
import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { NgModule, provideZoneChangeDetection } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { RouterModule } from '@angular/router';
import { AgentAuthModule } from '@texera/agent-auth';

import { routes } from './app.routes';
import { clearAccessToken } from './auth/access-token';
import { ANGULAR_JWT } from './auth/angular-jwt';
import { FailureNoticesComponent } from './notices/failure-notices.component';
import { AppComponent } from './shell/app.component';

/**
 * Wired the way Texera's AppModule is: NgModule bootstrap, class interceptors through DI, and
 * angular-jwt already attaching the token to same-origin calls. The library has to coexist
 * with all of that, which is part of what this demo proves.
 */
@NgModule({
  declarations: [AppComponent],
  imports: [
    BrowserModule,
    RouterModule.forRoot(routes),
    DatePipe,
    ANGULAR_JWT,
    // Texera's logout on a 401 is dropping the token; the library then redirects to /login.
    // Two seconds of leeway give the agent-service's own close at exp the first word on an open
    // chat (scenario 6); the library closes it itself just after (scenario 12).
    AgentAuthModule.forRoot({ onUnauthorized: () => clearAccessToken(), leewaySeconds: 2 }),
    FailureNoticesComponent,
  ],
  providers: [provideZoneChangeDetection(), provideHttpClient(withInterceptorsFromDi())],
  bootstrap: [AppComponent],
})
export class AppModule {}
