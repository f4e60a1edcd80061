// The socket guard's open and close hooks (agentSocketOpened / agentSocketClosed) on sockets in
// the states a runtime may hand them over in: the app's `open` runs only for an open socket the
// guard admitted whose token has not expired since, and the close at `exp` is armed then and
// dropped when the socket closes first. The upgrades are admitted by the guard's own hook, on
// real Requests with real tokens; the test-elysia suite runs the same on Bun and Node servers.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { status } from 'elysia';
import { CLOSE_UNAUTHENTICATED } from '../src/close-codes.js';
import {
  agentSocketClosed,
  agentSocketGuard,
  agentSocketOpened,
  type GuardedSocket,
} from '../src/elysia-socket.js';
import { SECRET, signRaw, texeraClaims } from './tokens.js';

const NOW_MS = 1_800_000_000_000;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** A socket as Elysia hands it to `open`, recording every close call. */
function socketFor(request: Request, state: { readyState?: number; raw?: unknown }) {
  const closes: [number?, string?][] = [];
  const ws: GuardedSocket = {
    data: { request },
    ...state,
    close: (code?: number, reason?: string) => closes.push([code, reason]),
  };
  return { ws, closes };
}

/** A request the guard admitted, its token expiring `ttl` seconds from now. */
async function admitted(ttl: number, closeAtExpiry = true) {
  const token = signRaw(texeraClaims({ exp: NOW_MS / 1000 + ttl }));
  const request = new Request(`http://localhost/api/agents/7/react?access-token=${token}`);
  const [hook] = agentSocketGuard({ secret: SECRET, closeAtExpiry }).beforeHandle;
  const refusal = await hook({ request, set: { headers: {} }, status });
  assert.equal(refusal, undefined, 'admitted');
  return request;
}

describe('the socket guard’s open and close', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: NOW_MS }));
  afterEach(() => mock.timers.reset());

  it('opens an admitted open socket and closes it 4401 at exp, not before', async () => {
    const { ws, closes } = socketFor(await admitted(5), { readyState: OPEN });
    assert.equal(agentSocketOpened(ws), true);
    mock.timers.tick(4999);
    assert.deepEqual(closes, []);
    mock.timers.tick(1);
    assert.deepEqual(closes, [[CLOSE_UNAUTHENTICATED, 'token expired']]);
  });

  for (const [name, state] of [
    ['Bun: closed (close ran before open)', { readyState: CLOSED }],
    ['Bun: closing', { readyState: CLOSING }],
    ['@elysiajs/node: closing', { raw: { websocket: { readyState: CLOSING } } }],
  ] as const) {
    it(`never lets the app's open run for a socket already ${name}, nor arms a timer`, async () => {
      const { ws, closes } = socketFor(await admitted(5), state);
      assert.equal(agentSocketOpened(ws), false);
      mock.timers.tick(10_000);
      assert.deepEqual(closes, []);
    });
  }

  it('closes 4401 instead of opening when the token expired between upgrade and open', async () => {
    const request = await admitted(1);
    mock.timers.tick(1000);
    const { ws, closes } = socketFor(request, { readyState: OPEN });
    assert.equal(agentSocketOpened(ws), false);
    assert.deepEqual(closes, [[CLOSE_UNAUTHENTICATED, 'token expired']]);
  });

  it('closes 4401 a socket the guard never admitted (the guard missing from the route)', () => {
    const request = new Request('http://localhost/api/agents/7/react');
    const { ws, closes } = socketFor(request, { readyState: OPEN });
    assert.equal(agentSocketOpened(ws), false);
    assert.deepEqual(closes, [[CLOSE_UNAUTHENTICATED, 'not admitted']]);
  });

  it('drops the close at exp when the socket closes first', async () => {
    const { ws, closes } = socketFor(await admitted(5), { readyState: OPEN });
    agentSocketOpened(ws);
    agentSocketClosed(ws);
    mock.timers.tick(10_000);
    assert.deepEqual(closes, []);
  });

  it('arms no close with closeAtExpiry: false', async () => {
    const { ws, closes } = socketFor(await admitted(5, false), { readyState: OPEN });
    assert.equal(agentSocketOpened(ws), true);
    mock.timers.tick(10_000);
    assert.deepEqual(closes, []);
  });

  it('refuses the upgrade of a token past exp inside the verify tolerance: 401 expired', async () => {
    const token = signRaw(texeraClaims({ exp: NOW_MS / 1000 - 1 }));
    const request = new Request(`http://localhost/r?access-token=${token}`);
    const set = { headers: {} as Record<string, unknown> };
    const [hook] = agentSocketGuard({ secret: SECRET }).beforeHandle;
    const refusal = (await hook({ request, set, status })) as { code: number; response: unknown };
    assert.equal(refusal.code, 401);
    assert.match(JSON.stringify(refusal.response), /expired/);
    assert.match(String(set.headers['www-authenticate']), /invalid_token/);
  });
});
