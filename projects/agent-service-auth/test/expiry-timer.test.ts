// atExpiry (the 4401 close at exp): fires at exp, not before, takes waits beyond setTimeout's
// ceiling in hops, and never fires once cancelled.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { atExpiry } from '../src/expiry-timer.js';

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
