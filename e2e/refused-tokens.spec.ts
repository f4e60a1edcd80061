import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';
import { mintToken } from './gateway/index';

for (const role of ['RESTRICTED', 'INACTIVE'] as const) {
  test(`scenario 3: ${role} gets 403 from the gateway, is sent to sign-in and keeps the token`, async ({
    page,
    stack,
    traffic,
  }) => {
    const demo = new DemoPage(page);
    await page.goto('/login');
    await demo.signIn(role);
    await expect(demo.notice('forbidden')).toBeVisible();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    expect(traffic.navigationsTo('/agents')).toBeGreaterThan(0);

    // The token that was refused is still the one stored: a 403 is not a logout.
    const token = await demo.storedToken();
    expect(token).toBeTruthy();
    // Every call went out with the token; those still pending when the page was left were
    // cancelled by Angular (no status), the rest came back 403.
    const calls = await traffic.agentCalls();
    for (const call of calls) expect(call.authorization).toBe(`Bearer ${token}`);
    const answered = calls.filter((call) => call.status !== null);
    expect(answered.length).toBeGreaterThan(0);
    for (const call of answered) expect(call.status).toBe(403);
    await expect(page.getByTestId('session')).toContainText(role);
    // Refused at the gateway: the agent-service never saw a request.
    await stack.agentService.settled();
    expect(stack.agentService.received).toEqual([]);
  });
}

test('scenario 4: a token signed with the wrong secret gets 401, onUnauthorized clears it, and the app goes to sign-in', async ({
  page,
  stack,
  traffic,
}) => {
  const forged = await mintToken('not-the-gateway-secret', { role: 'ADMIN', ttlSeconds: 600 });
  const demo = new DemoPage(page);
  await page.goto('/login');
  await demo.pasteToken(forged);

  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
  await expect(demo.notice('rejected')).toBeVisible();
  expect(await demo.storedToken()).toBeNull();

  // Every call went out with the token; those still pending when the page was left were
  // cancelled by Angular (no status), the rest came back 401.
  const calls = await traffic.agentCalls();
  for (const call of calls) expect(call.authorization).toBe(`Bearer ${forged}`);
  const answered = calls.filter((call) => call.status !== null);
  expect(answered.length).toBeGreaterThan(0);
  for (const call of answered) expect(call.status).toBe(401);
  await stack.agentService.settled();
  expect(stack.agentService.received).toEqual([]);
  expect(stack.logLines.join('\n')).not.toContain(forged);
});

test('scenario 5: with an expired token no request to /api/agents leaves the browser, and the app goes to sign-in', async ({
  page,
  stack,
  traffic,
}) => {
  const expired = await mintToken(stack.secret, { role: 'REGULAR', ttlSeconds: -120 });
  const demo = new DemoPage(page);
  await page.goto('/login');
  await demo.storeToken(expired);
  await page.goto('/agents');

  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
  await expect(demo.notice('expired')).toBeVisible();
  expect(traffic.navigationsTo('/agents')).toBeGreaterThan(0);
  expect(traffic.agentRequests()).toEqual([]);
  expect(traffic.sockets).toEqual([]);
  expect(stack.logLines.filter((line) => line.includes('/api/agents'))).toEqual([]);
  await stack.agentService.settled();
  expect(stack.agentService.received).toEqual([]);
});
