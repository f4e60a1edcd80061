// atExpiry (the 4401 close at exp) and agentSocket's use of it: fires at exp, not before, takes
// waits beyond setTimeout's ceiling in hops, and a socket that closes first cancels it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { agentSocket, type AgentWS } from '../src/elysia.js';
import { atExpiry } from '../src/expiry-timer.js';
import { SECRET } from './tokens.js';

const DAY_MS = 24 * 3600 * 1000;

describe('atExpiry', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
    mock.timers.enable({ apis: ['setTimeout'] });
  });
  afterEach(() => mock.timers.reset());

  const advance = (ms: number) => {
    clock += ms;
    mock.timers.tick(ms);
  };

  it('fires at exp exactly, not a millisecond before', () => {
    let fired = 0;
    atExpiry(clock / 1000 + 5, () => fired++, now);
    advance(4999);
    assert.equal(fired, 0);
    advance(1);
    assert.equal(fired, 1);
  });

  it('fires at once for an exp already past', () => {
    let fired = 0;
    atExpiry(clock / 1000 - 1, () => fired++, now);
    assert.equal(fired, 1);
  });

  it('waits 30 days in hops of at most setTimeout’s ceiling, then fires once', () => {
    let fired = 0;
    atExpiry(clock / 1000 + 30 * 24 * 3600, () => fired++, now);
    advance(29 * DAY_MS);
    assert.equal(fired, 0, 'a 30-day wait must not fire at the 24.8-day ceiling');
    advance(DAY_MS);
    assert.equal(fired, 1);
  });

  it('never fires once cancelled', () => {
    let fired = 0;
    atExpiry(clock / 1000 + 5, () => fired++, now).cancel();
    advance(10_000);
    assert.equal(fired, 0);
  });
});

describe('atExpiry with real timers', () => {
  it('sleeps through a wait beyond setTimeout’s ceiling (which Node and Bun cut to 1 ms)', async () => {
    let reads = 0;
    const timer = atExpiry(Date.now() / 1000 + 30 * 24 * 3600, assert.fail, () => {
      reads++;
      return Date.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    timer.cancel();
    assert.equal(reads, 1, 'the clock is read once, not once a millisecond');
  });
});

describe('agentSocket’s close at exp', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  /** The two members agentSocket's open/close touch, recording every close call. */
  function socket(exp: number) {
    const closes: [number?, string?][] = [];
    const ws = {
      data: { agentUser: { exp }, params: {} },
      close: (code?: number, reason?: string) => closes.push([code, reason]),
    } as unknown as AgentWS;
    return { ws, closes };
  }

  it('closes with 4401 at exp, and calls the wrapped open and close', () => {
    const calls: string[] = [];
    const route = agentSocket({
      secret: SECRET,
      open: () => calls.push('open'),
      close: () => calls.push('close'),
    });
    const { ws, closes } = socket(1_000 + 5);
    route.open(ws);
    mock.timers.tick(5000);
    assert.deepEqual(closes, [[4401, 'token expired']]);
    route.close(ws, 4401, 'token expired');
    assert.deepEqual(calls, ['open', 'close']);
  });

  it('clears the timer when the socket closes first', () => {
    const route = agentSocket({ secret: SECRET });
    const { ws, closes } = socket(1_000 + 5);
    route.open(ws);
    route.close(ws, 1000, '');
    mock.timers.tick(10_000);
    assert.deepEqual(closes, []);
  });

  it('sets no timer with closeAtExpiry: false', () => {
    const route = agentSocket({ secret: SECRET, closeAtExpiry: false });
    const { ws, closes } = socket(1_000 + 5);
    route.open(ws);
    mock.timers.tick(10_000);
    assert.deepEqual(closes, []);
  });
});
