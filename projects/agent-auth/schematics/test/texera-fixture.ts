// An app shaped like Texera's frontend: AppModule with HttpClientModule, angular-jwt's
// JwtModule.forRoot as Texera configures it, and its own global 401 interceptor.

/** An AppModule shaped like Texera's: HttpClientModule, JwtModule.forRoot, its own interceptor. */
export const TEXERA_MODULE = `import { HTTP_INTERCEPTORS, HttpClientModule } from '@angular/common/http';
import { NgModule } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { JwtModule } from '@auth0/angular-jwt';

import { AppRoutingModule } from './app-routing-module';
import { App } from './app';
import { AuthService } from './auth.service';
import { UnauthorizedHttpInterceptor } from './unauthorized.interceptor';

@NgModule({
  declarations: [App],
  imports: [
    BrowserModule,
    AppRoutingModule,
    HttpClientModule,
    JwtModule.forRoot({
      config: {
        tokenGetter: AuthService.getAccessToken,
        skipWhenExpired: true,
        throwNoTokenError: false,
        disallowedRoutes: ['forum/api/users', 'api/config/pre-login'],
      },
    }),
  ],
  providers: [{ provide: HTTP_INTERCEPTORS, useClass: UnauthorizedHttpInterceptor, multi: true }],
  bootstrap: [App],
})
export class AppModule {}
`;

/** The files TEXERA_MODULE imports, relative to src/app. */
export const TEXERA_FILES: Record<string, string> = {
  'auth.service.ts': `export class AuthService {
  static getAccessToken(): string | null {
    return localStorage.getItem('access_token');
  }
}
`,
  'unauthorized.interceptor.ts': `import {
  HttpErrorResponse,
  HttpEvent,
  HttpHandler,
  HttpInterceptor,
  HttpRequest,
} from '@angular/common/http';
import { Injectable } from '@angular/core';
import { Observable, tap } from 'rxjs';

/** Signs out on any 401, as Texera's UnauthorizedHttpInterceptor does. */
@Injectable()
export class UnauthorizedHttpInterceptor implements HttpInterceptor {
  intercept(req: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(req).pipe(
      tap({
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 401) {
            localStorage.removeItem('access_token');
          }
        },
      }),
    );
  }
}
`,
};
