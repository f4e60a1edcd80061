import WebSocket from 'ws';

import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';

/** The HTTP status a WebSocket upgrade got: 101 when it opened, else the refusal's status. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      response.resume();
      ws.terminate();
      resolve(response.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

test('defence in depth: the page works through the front while the Bun agent-service, reachable directly, refuses a tokenless caller', async ({
  page,
  stack,
  traffic,
}) => {
  // The agent-service behind the front is the Elysia stub on Bun, as Texera runs it.
  expect(stack.agentService.runtime).toBe('bun');
  const direct = stack.agentService.url;

  const demo = new DemoPage(page);
  await demo.signInAt('REGULAR');
  const token = await demo.storedToken();
  await demo.createAgent('direct-check');
  await expect(demo.socketState).toHaveText(/open/);
  await page.getByLabel('Message').fill('Does the agent-service check my token itself?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(demo.transcript.locator('.line-status').last()).toHaveText('completed');

  // Every call the page made went to the front (its own origin) and succeeded.
  const calls = await traffic.agentCalls();
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) expect(call.status, `${call.method} ${call.path}`).toBeLessThan(300);
  expect(traffic.requestsTo(new URL(direct).origin)).toEqual([]);
  const agentId = traffic.sockets[0].url.pathname.split('/')[3];

  // Straight to the agent-service: no token is refused, on REST and on the socket ...
  const bare = await fetch(`${direct}/api/agents`);
  expect(bare.status).toBe(401);
  expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer realm="agent-service"/);
  expect(await upgradeStatus(`${direct.replace('http', 'ws')}/api/agents/${agentId}/react`)).toBe(
    401,
  );
  // ... and so is a spoofed identity header without one.
  expect((await fetch(`${direct}/api/agents`, { headers: { 'x-user-id': '1' } })).status).toBe(401);

  // It is the very service the page used: with the page's token it lists the page's agent.
  const listed = await fetch(`${direct}/api/agents`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(listed.status).toBe(200);
  const { agents } = (await listed.json()) as { agents: { name: string }[] };
  expect(agents.map((a) => a.name)).toContain('direct-check');
});
