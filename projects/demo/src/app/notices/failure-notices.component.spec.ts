import { provideLocationMocks } from '@angular/common/testing';
import { HttpClient, provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AgentAuthModule } from '@texera/agent-auth';
import { provideAgentAuthTesting } from '@texera/agent-auth/testing';
import { firstValueFrom } from 'rxjs';

import { routes } from '../app.routes';
import { ACCESS_TOKEN_KEY } from '../auth/access-token';
import { UserService } from '../auth/user.service';
import { FailureNoticesComponent } from './failure-notices.component';
import { NotificationService } from './notification.service';

describe('FailureNoticesComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AgentAuthModule.forRoot()],
      providers: [
        provideHttpClient(withInterceptorsFromDi()),
        provideHttpClientTesting(),
        provideRouter(routes),
        provideLocationMocks(),
        provideAgentAuthTesting({ token: null }),
      ],
    });
  });

  afterEach(() => localStorage.removeItem(ACCESS_TOKEN_KEY));

  async function showSignedOutNotice() {
    const fixture = TestBed.createComponent(FailureNoticesComponent);
    await firstValueFrom(TestBed.inject(HttpClient).get('/api/agents')).catch(() => undefined);
    fixture.detectChanges();
    return fixture;
  }

  it('shows a call made without a token as "Signed out", with no status code', async () => {
    const fixture = await showSignedOutNotice();
    const notice = (fixture.nativeElement as HTMLElement).querySelector('.notice');
    expect(notice?.getAttribute('data-tone')).toBe('info');
    expect(notice?.getAttribute('role')).toBe('status');
    expect(notice?.querySelector('strong')?.textContent?.trim()).toBe('Signed out');
  });

  it("clears the last session's notices and the app's messages on sign-in", async () => {
    const fixture = await showSignedOutNotice();
    const notices = fixture.nativeElement as HTMLElement;
    TestBed.inject(NotificationService).error('Your session has expired. Please log in again.');
    expect(notices.querySelectorAll('.notice')).toHaveLength(1);

    TestBed.inject(UserService).login('a.new.token');
    fixture.detectChanges();
    expect(notices.querySelectorAll('.notice')).toHaveLength(0);
    expect(TestBed.inject(NotificationService).errors()).toEqual([]);
  });
});
