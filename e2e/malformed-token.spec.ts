import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';

// The recommended wiring lists AgentAuthModule.forRoot before JwtModule.forRoot, so the
// library's interceptor runs first and refuses a malformed token itself; registered after,
// angular-jwt's decoder would throw on it ("Illegal base64url string!") and leave the user stuck.

for (const malformed of ['not.a.jwt', 'abc.def.ghi']) {
  test(`a malformed token in storage (${malformed}): one failure path, one redirect to sign-in, and signing in again works`, async ({
    page,
    stack,
    traffic,
  }) => {
    const demo = new DemoPage(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/login');
    await demo.storeToken(malformed);
    const framesBefore = traffic.navigationsTo('/login');

    await page.goto('/agents');

    await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
    // Both of the page's calls were refused by the library: one notice, one logout, one redirect.
    await expect(demo.notices).toHaveCount(1);
    await expect(demo.notice('missing')).toHaveAttribute('data-count', '2');
    expect(await demo.logouts()).toBe(1);
    expect(await demo.storedToken()).toBeNull();
    expect(traffic.navigationsTo('/login') - framesBefore).toBe(1);
    // The page loaded at /agents: the redirect is its app's only navigation to /login.
    expect(await demo.loginNavigations()).toBe(1);
    expect(traffic.agentRequests()).toEqual([]);
    await expect(page.getByText(/base64|JWT/i)).toHaveCount(0);
    await expect(demo.appErrors).toHaveCount(0);

    await demo.signIn('REGULAR');
    await expect(page).toHaveURL(`${stack.url}/agents`);
    await expect(demo.agentList.getByRole('button', { name: 'Workflow assistant' })).toBeVisible();
    const token = await demo.storedToken();
    const calls = await traffic.agentCalls();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.authorization, `${call.method} ${call.path}`).toBe(`Bearer ${token}`);
      expect(call.status, `${call.method} ${call.path}`).toBe(200);
    }
    // Signing in started a new session: the last one's notice is gone.
    await expect(demo.notices).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}
