import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';
import { startForeignOrigin } from './foreign-origin';

test('scenario 7: a call the page makes to another origin never carries the token', async ({
  page,
  traffic,
}) => {
  const foreign = await startForeignOrigin();
  try {
    const demo = new DemoPage(page);
    await demo.signInAt('REGULAR');
    const token = await demo.storedToken();
    expect(token).toBeTruthy();
    // Control: the app's own agent calls did carry it, so its absence below means something.
    const ownCalls = await traffic.agentCalls();
    expect(ownCalls.length).toBeGreaterThan(0);
    for (const call of ownCalls) expect(call.authorization).toBe(`Bearer ${token}`);

    // Same path as the agent API, different origin (another port on the same loopback host).
    await page.getByLabel('Other origin URL').fill(`${foreign.url}/api/agents/models`);
    await page.getByRole('button', { name: 'Call other origin' }).click();
    await expect(page.getByTestId('foreign-result')).toHaveText(`200 from ${foreign.url}`);

    expect(foreign.received.length).toBeGreaterThan(0);
    for (const request of foreign.received) {
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(token);
    }
    for (const request of traffic.requestsTo(foreign.url)) {
      expect((await request.allHeaders())['authorization']).toBeUndefined();
    }
  } finally {
    await foreign.close();
  }
});
