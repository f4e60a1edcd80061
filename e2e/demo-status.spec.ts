import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';

// What the demo tells a user who has not done anything yet, and what it tells them as their
// session ages, without a reload.

test('the demo on a first visit: "Signed out" rather than a red 401, no favicon 404; signing in clears it', async ({
  page,
  stack,
  traffic,
}) => {
  const demo = new DemoPage(page);
  await page.goto('/agents');
  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);

  const signedOut = demo.notice('missing');
  await expect(signedOut).toHaveAttribute('data-tone', 'info');
  await expect(signedOut).toHaveAttribute('role', 'status');
  await expect(signedOut.locator('strong')).toHaveText('Signed out');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The icon is inline: the browser asks the server for no /favicon.ico.
  const iconLoads = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    return link !== null && (await fetch(link.href)).ok;
  });
  expect(iconLoads).toBe(true);

  await demo.signIn('REGULAR');
  await expect(page).toHaveURL(`${stack.url}/agents`);
  await expect(demo.agentList.getByRole('button', { name: 'Workflow assistant' })).toBeVisible();
  await expect(demo.notices).toHaveCount(0);
  const favicon = (url: string) => new URL(url).pathname === '/favicon.ico';
  expect(traffic.requests.filter((request) => favicon(request.url()))).toEqual([]);
  expect(stack.logLines.filter((line) => line.includes('/favicon.ico'))).toEqual([]);
});

test('the header says "expired" once the token\'s exp has passed, without a reload', async ({
  page,
  traffic,
}) => {
  const demo = new DemoPage(page);
  await page.goto('/login');
  await demo.signIn('REGULAR', '5 seconds (watch it expire)');
  await expect(page).toHaveURL(/\/agents$/);
  const session = page.getByTestId('session');
  await expect(session).toContainText('valid until');
  const loads = traffic.navigations.length;
  const payload = (await demo.storedToken())!.split('.')[1];
  const exp = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).exp as number;

  await expect(session).toContainText('expired at', { timeout: 15_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000);
  expect(traffic.navigations.length).toBe(loads);
});
