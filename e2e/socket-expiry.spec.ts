import { DemoPage } from './demo-page';
import { expect, test } from './fixtures';
import { mintToken } from './gateway/index';

// Long enough for a reload and reopening the chat before exp on a machine with no spare CPU; the
// test waits for the redirect, so it ends as soon as the server closes the socket.
const TTL_SECONDS = 15;

test('scenario 6: a token that expires during an open chat is closed 4401 by the server, and the app goes to sign-in', async ({
  page,
  stack,
  traffic,
}) => {
  const demo = new DemoPage(page);
  await demo.signInAt('REGULAR');
  await demo.createAgent('night-shift');
  await expect(demo.socketState).toHaveText(/open/);

  // Come back with a token that has a few seconds left, and reopen the chat.
  const shortLived = await mintToken(stack.secret, { role: 'REGULAR', ttlSeconds: TTL_SECONDS });
  await demo.storeToken(shortLived);
  await page.reload();
  await demo.agentList.getByRole('button', { name: 'night-shift' }).click();
  await expect(demo.socketState).toHaveText(/open/);
  const restRequestsWhileOpen = traffic.agentRequests().length;
  const socket = traffic.sockets.at(-1);
  expect(socket?.url.searchParams.get('access-token')).toBe(shortLived);

  await expect(page).toHaveURL(`${stack.url}/login?returnUrl=%2Fagents`, {
    timeout: (TTL_SECONDS + 15) * 1000,
  });
  await expect(demo.notice('rejected')).toHaveAttribute('data-channel', 'socket');
  await expect.poll(() => socket?.closed).toBe(true);
  // The socket's close, not an HTTP call, is what sent the user to sign-in.
  expect(traffic.agentRequests().length).toBe(restRequestsWhileOpen);
  expect(await demo.storedToken()).toBeNull();
});
