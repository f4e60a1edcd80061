import { DatePipe } from '@angular/common';
import { HTTP_INTERCEPTORS, provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { NgModule, inject, provideZoneChangeDetection } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { RouterModule } from '@angular/router';
import { AgentAuthModule } from '@texera/agent-auth';

import { routes } from './app.routes';
import { ANGULAR_JWT } from './auth/angular-jwt';
import { UnauthorizedHttpInterceptor } from './auth/unauthorized-http-interceptor';
import { UserService } from './auth/user.service';
import { FailureNoticesComponent } from './notices/failure-notices.component';
import { AppComponent } from './shell/app.component';

/**
 * Wired the way Texera's AppModule is: NgModule bootstrap, angular-jwt attaching the token to
 * same-origin calls, and its own global 401 interceptor in `providers`. The library has to
 * coexist with all of that, which is part of what this demo proves.
 */
@NgModule({
  declarations: [AppComponent],
  imports: [
    BrowserModule,
    RouterModule.forRoot(routes),
    DatePipe,
    // Before angular-jwt, so the library's interceptor runs first: it refuses a malformed token
    // with a 401 before angular-jwt's decoder can throw on it.
    // Two seconds of leeway give the agent-service's own close at exp the first word on an open
    // chat (scenario 6); the library closes it itself just after (scenario 12).
    AgentAuthModule.forRoot({
      onUnauthorized: () => inject(UserService).logout(),
      leewaySeconds: 2,
    }),
    ANGULAR_JWT,
    FailureNoticesComponent,
  ],
  providers: [
    provideZoneChangeDetection(),
    provideHttpClient(withInterceptorsFromDi()),
    { provide: HTTP_INTERCEPTORS, useClass: UnauthorizedHttpInterceptor, multi: true },
  ],
  bootstrap: [AppComponent],
})
export class AppModule {}
