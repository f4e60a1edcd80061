import { ApplicationRef, ErrorHandler } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import type { AgentAuthFailure } from './failure';
import { AgentAuthFailures } from './failures';
import { AGENT_AUTH_PAGE } from '../url/page';
import { provideAgentAuth } from '../provide';

const failure = (status: 401 | 403): AgentAuthFailure => ({
  status,
  reason: status === 401 ? 'rejected' : 'forbidden',
  channel: 'http',
  url: '/api/agents',
});

// No provideRouter: the app has no routes, so the library leaves the page through
// location.assign, here a spy, under the app's <base href>.
function setup(href: string, baseURI = 'https://t.example/texera/') {
  const assign = jasmine.createSpy('assign');
  const onUnauthorized = jasmine.createSpy('onUnauthorized');
  const handleError = jasmine.createSpy('handleError');
  TestBed.configureTestingModule({
    providers: [
      provideAgentAuth({ onUnauthorized }),
      {
        provide: AGENT_AUTH_PAGE,
        useValue: { href, baseURI, origin: new URL(baseURI).origin, assign },
      },
      { provide: ErrorHandler, useValue: { handleError } },
    ],
  });
  return {
    failures: TestBed.inject(AgentAuthFailures),
    assign,
    onUnauthorized,
    handleError,
    settle: () => TestBed.inject(ApplicationRef).whenStable(),
  };
}

describe('AgentAuthFailures without a Router', () => {
  it('assigns the login page under <base href> once per burst, with the app path as returnUrl', async () => {
    const t = setup('https://t.example/texera/dashboard/w/5?tab=agents');
    const seen: AgentAuthFailure[] = [];
    t.failures.failures$.subscribe((f) => seen.push(f));
    for (let i = 0; i < 50; i++) t.failures.report(failure(401));
    await t.settle();
    for (let i = 0; i < 5; i++) t.failures.report(failure(401));
    await t.settle();

    expect(t.assign).toHaveBeenCalledOnceWith(
      'https://t.example/texera/login?returnUrl=%2Fdashboard%2Fw%2F5%3Ftab%3Dagents',
    );
    expect(t.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(seen.length).toBe(55);
  });

  it('sends a 403 to the forbidden route (the login page by default) without onUnauthorized', async () => {
    const t = setup('https://t.example/texera/dashboard');
    t.failures.report(failure(403));
    await t.settle();

    expect(t.assign).toHaveBeenCalledOnceWith(
      'https://t.example/texera/login?returnUrl=%2Fdashboard',
    );
    expect(t.onUnauthorized).not.toHaveBeenCalled();
  });

  it('does not leave the login page', async () => {
    const t = setup('https://t.example/texera/login?returnUrl=%2Fx');
    t.failures.report(failure(401));
    await t.settle();

    expect(t.assign).not.toHaveBeenCalled();
    expect(t.onUnauthorized).not.toHaveBeenCalled();
  });

  it('omits returnUrl for a page outside the base', async () => {
    const t = setup('https://t.example/elsewhere');
    t.failures.report(failure(401));
    await t.settle();

    expect(t.assign).toHaveBeenCalledOnceWith('https://t.example/texera/login');
  });

  it('ends the burst when leaving the page fails, so the next failure tries again', async () => {
    const t = setup('https://t.example/texera/dashboard');
    const refused = new Error('navigation refused');
    t.assign.and.callFake(() => {
      if (t.assign.calls.count() === 1) throw refused;
    });
    t.failures.report(failure(401));
    await t.settle();
    t.failures.report(failure(401));
    await t.settle();

    expect(t.handleError).toHaveBeenCalledOnceWith(refused);
    expect(t.assign).toHaveBeenCalledTimes(2);
  });
});
