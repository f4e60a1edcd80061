import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';

test('scenario 2: without a token /agents lands on /login?returnUrl=%2Fagents, and signing in returns there', async ({
  page,
  stack,
  traffic,
}) => {
  const demo = new DemoPage(page);
  await page.goto('/agents');
  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
  // Both of the page's calls (the list and the models) were stopped and reported.
  await expect(demo.notice('missing')).toHaveAttribute('data-count', '2');
  // The library refused to send anything without a token.
  expect(traffic.agentRequests()).toHaveLength(0);
  expect(traffic.sockets).toHaveLength(0);

  await expect(page.getByTestId('return-target')).toContainText('/agents');
  await expect(page.getByTestId('return-target')).not.toContainText('ignored');
  await demo.signIn('REGULAR');
  await expect(page).toHaveURL(`${stack.url}/agents`);
  await expect(demo.agentList.getByRole('button', { name: 'Workflow assistant' })).toBeVisible();

  const token = await demo.storedToken();
  const calls = await traffic.agentCalls();
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) expect(call.authorization).toBe(`Bearer ${token}`);
});

const OFF_SITE = [
  '//evil.example',
  '//evil.example/agents',
  'https://evil.example/',
  '/\\evil.example',
  '%2F%2Fevil.example',
  ' //evil.example',
  'javascript:alert(document.domain)',
];

test(`scenario 9: an off-site returnUrl on the login page is ignored; after sign-in the app stays on its origin (${OFF_SITE.length} variants)`, async ({
  page,
  stack,
  traffic,
}) => {
  const demo = new DemoPage(page);
  for (const returnUrl of OFF_SITE) {
    await page.goto(`/login?returnUrl=${encodeURIComponent(returnUrl)}`);
    await expect(page.getByTestId('return-target'), returnUrl).toContainText('was ignored');
    await demo.signIn('REGULAR');
    await expect(page, returnUrl).toHaveURL(`${stack.url}/agents`);
  }
  const elsewhere = traffic.requests.filter((r) => new URL(r.url()).origin !== stack.url);
  expect(elsewhere.map((r) => r.url())).toEqual([]);
});
