import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';
import { mintToken } from './gateway/index';

const BURST = 20;

test('scenario 8: twenty parallel agent calls answered 401 cause exactly one navigation to sign-in', async ({
  page,
  stack,
  traffic,
}) => {
  const demo = new DemoPage(page);
  await demo.signInAt('REGULAR');
  await expect(demo.agentList.getByRole('button', { name: 'Workflow assistant' })).toBeVisible();
  const routerBefore = await demo.loginNavigations();
  const framesBefore = traffic.navigationsTo('/login');

  // The token is swapped for one the server rejects while the page is open (a rotated secret).
  const forged = await mintToken('a-rotated-secret', { role: 'REGULAR', ttlSeconds: 600 });
  await demo.storeToken(forged);
  const sentBefore = traffic.agentRequests().length;
  await page.getByRole('button', { name: `Send ${BURST} parallel calls` }).click();

  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`);
  // All twenty went out with the token and all came back 401; every one was reported.
  await expect
    .poll(async () =>
      (await traffic.agentCalls()).slice(sentBefore).filter((c) => c.status === 401),
    )
    .toHaveLength(BURST);
  const burst = (await traffic.agentCalls()).slice(sentBefore);
  expect(burst).toHaveLength(BURST);
  for (const call of burst) expect(call.authorization).toBe(`Bearer ${forged}`);
  await expect(demo.notice('rejected')).toHaveAttribute('data-count', String(BURST));

  // Let any late redirect happen before counting.
  await page.waitForTimeout(500);
  expect(await demo.loginNavigations()).toBe(routerBefore + 1);
  expect(traffic.navigationsTo('/login') - framesBefore).toBe(1);
  expect(await demo.storedToken()).toBeNull();
});
