import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';
import { mintToken } from './gateway/index';

// The demo registers a model of Texera's global UnauthorizedHttpInterceptor (logout, "Your
// session has expired", sign-in with returnUrl) next to the library, with the one-line hand-over
// `!isAgentAuthOwned(req) &&`. Each 401 has exactly one owner.

const AGENT = 'Workflow assistant';
const SESSION_EXPIRED = 'Your session has expired. Please log in again.';

test("one owner per 401: a 401 of the app's own API is handled by the app's interceptor, and the library stays out", async ({
  page,
  stack,
}) => {
  const demo = new DemoPage(page);
  await demo.signInAt('REGULAR');
  await expect(demo.agentList.getByRole('button', { name: AGENT })).toBeVisible();
  const routerBefore = await demo.loginNavigations();
  const token = await demo.storedToken();
  // Texera's own backend is not part of this stack: its one route this test needs answers in
  // the browser, as a session the backend no longer accepts would.
  let sentWith: string | null = null;
  await page.route('**/api/workflow/list', async (route) => {
    sentWith = await route.request().headerValue('authorization');
    await route.fulfill({ status: 401, contentType: 'application/json', body: '{}' });
  });

  await page.getByRole('button', { name: "Call the app's API" }).click();

  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
  // angular-jwt sent the token, so the app's rule applies; the library never saw a failure.
  expect(sentWith).toBe(`Bearer ${token}`);
  await expect(demo.appErrors).toHaveText(SESSION_EXPIRED);
  await expect(demo.appErrors).toHaveAttribute('data-count', '1');
  expect(await demo.logouts()).toBe(1);
  await expect(demo.notices).toHaveCount(0);
  expect(await demo.storedToken()).toBeNull();
  expect(await demo.loginNavigations()).toBe(routerBefore + 1);
});

test("one owner per 401: twenty agent calls answered 401 are the library's alone (one onUnauthorized, no app message)", async ({
  page,
  stack,
  traffic,
}) => {
  const demo = new DemoPage(page);
  await demo.signInAt('REGULAR');
  await expect(demo.agentList.getByRole('button', { name: AGENT })).toBeVisible();
  const routerBefore = await demo.loginNavigations();
  const forged = await mintToken('a-rotated-secret', { role: 'REGULAR', ttlSeconds: 600 });
  await demo.storeToken(forged);
  const sentBefore = traffic.agentRequests().length;

  await page.getByRole('button', { name: 'Send 20 parallel calls' }).click();

  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
  await expect(demo.notice('rejected')).toHaveAttribute('data-count', '20');
  const burst = (await traffic.agentCalls()).slice(sentBefore);
  for (const call of burst) expect(call.status).toBe(401);
  // Without the hand-over the app's interceptor (inside the library's) would log out and
  // show its message first, and the library's onUnauthorized would log out a second time.
  expect(await demo.logouts()).toBe(1);
  await expect(demo.appErrors).toHaveCount(0);
  expect(await demo.loginNavigations()).toBe(routerBefore + 1);
  expect(await demo.storedToken()).toBeNull();
});
