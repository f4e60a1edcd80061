import { resolve } from 'node:path';

import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';

// `npm run docs:screenshot` sets this to docs/demo.png; `npm test` leaves the tracked file alone.
const SCREENSHOT = process.env['DEMO_SCREENSHOT'];

for (const role of ['REGULAR', 'ADMIN'] as const) {
  test(`scenario 1: ${role} lists, picks a model, creates, saves settings and chats; every agent call carries the token`, async ({
    page,
    stack,
    traffic,
    demoBuild,
  }) => {
    const demo = new DemoPage(page);
    await demo.signInAt(role);
    const token = await demo.storedToken();
    expect(token).toBeTruthy();

    await expect(demo.agentList.getByRole('button', { name: 'Workflow assistant' })).toBeVisible();
    await demo.createAgent('analyst');
    await expect(demo.socketState).toHaveText(/open/);

    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel('Max steps').fill('7');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByTestId('settings-status')).toHaveText('Saved');

    await page.getByLabel('Message').fill('Which operators does the sales workflow use?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(demo.transcript.locator('.line-step')).toHaveCount(3);
    await expect(demo.transcript.locator('.line-status').last()).toHaveText('completed');
    await expect(demo.transcript.locator('.line-step').nth(1)).toContainText('getWorkflow()');

    // Every REST call to /api/agents, seen from the browser, carried exactly this token.
    const calls = await traffic.agentCalls();
    const agentId = new URL(traffic.sockets[0].url).pathname.split('/')[3];
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/agents',
        'GET /api/models',
        'POST /api/agents',
        `GET /api/agents/${agentId}/settings`,
        `PATCH /api/agents/${agentId}/settings`,
      ]),
    );
    for (const call of calls) {
      expect(call.authorization, `${call.method} ${call.path}`).toBe(`Bearer ${token}`);
      expect(call.status, `${call.method} ${call.path}`).toBeLessThan(300);
    }

    // One react socket, with the token as its single access-token parameter, that streamed frames.
    expect(traffic.sockets).toHaveLength(1);
    const [socket] = traffic.sockets;
    expect(socket.url.pathname).toBe(`/api/agents/${agentId}/react`);
    expect(socket.url.searchParams.getAll('access-token')).toEqual([token]);
    expect(socket.received.length).toBeGreaterThan(1);

    // The gateway let it through to the agent-service, with the identity from the token.
    await stack.agentService.settled();
    const patched = stack.agentService.received.find(
      (r) => r.method === 'PATCH' && r.url.startsWith(`/api/agents/${agentId}/settings`),
    );
    expect(patched?.headers['x-user-name']).toBe('alice');

    // Nothing the gateway logged or the page printed contains the token.
    expect(stack.logLines.join('\n')).not.toContain(token);
    expect(traffic.console.join('\n')).not.toContain(token);

    if (demoBuild === 'no-angular-jwt') {
      // No angular-jwt in this build, so each agent call's one Bearer (checked above) is the
      // library's. A call to a non-agent path of this origin, made while signed in, gets none.
      await page.getByLabel('Other origin URL').fill(`${stack.url}/api/workflow/list`);
      await page.getByRole('button', { name: 'Call other origin' }).click();
      await expect(page.getByTestId('foreign-result')).toHaveText(/ from |failed/);
      const others = await traffic.otherCalls();
      expect(others.map((c) => `${c.method} ${c.path}`)).toEqual(
        expect.arrayContaining(['POST /dev/token', 'GET /api/workflow/list']),
      );
      for (const call of others) {
        expect(call.authorization, `${call.method} ${call.path}`).toBeUndefined();
      }
    } else if (role === 'REGULAR' && SCREENSHOT) {
      await page.screenshot({ path: resolve(__dirname, '..', SCREENSHOT), fullPage: true });
    }
  });
}
