// The verifier's cache of verified tokens: a hit is only ever served when a fresh verification at
// the same clock would accept the very same token. Hits are told apart from misses by counting
// jose's signature checks (crypto.subtle.verify); only a miss makes one.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import {
  AgentTokenError,
  createAgentTokenVerifier,
  type AgentTokenVerifierOptions,
} from '../src/index.js';
import { NOW, NOW_MS, SECRET, signRaw, texeraClaims } from './tokens.js';

const TOLERANCE = 30;

/** A verifier on a clock the test moves, and a count of the signature checks it has made. */
function setUp(t: TestContext, options: AgentTokenVerifierOptions = {}) {
  const clock = { ms: NOW_MS };
  const checks = t.mock.method(crypto.subtle, 'verify');
  const verifier = createAgentTokenVerifier(SECRET, {
    clockToleranceSeconds: TOLERANCE,
    now: () => clock.ms,
    ...options,
  });
  return { verifier, clock, checks: () => checks.mock.callCount() };
}

async function outcome(pending: Promise<unknown>): Promise<unknown> {
  try {
    return { accepted: await pending };
  } catch (error) {
    assert.ok(error instanceof AgentTokenError, `expected AgentTokenError, got ${String(error)}`);
    return { refused: error.code };
  }
}

const token = signRaw(texeraClaims());
const exp = NOW + 900;

describe('verified-token cache', () => {
  it('serves a token it has verified without checking its signature again', async (t) => {
    const { verifier, checks } = setUp(t);
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    assert.deepEqual(second, first);
    assert.equal(checks(), 1);
  });

  it('refuses a cached token from exp + tolerance on, with jose’s whole-second clock', async (t) => {
    const { verifier, clock, checks } = setUp(t);
    await verifier.verify(token);
    clock.ms = (exp + TOLERANCE) * 1000 - 1;
    assert.equal((await verifier.verify(token)).exp, exp);
    assert.equal(checks(), 1, 'still served from the cache one millisecond before the bound');
    clock.ms = (exp + TOLERANCE) * 1000;
    await assert.rejects(verifier.verify(token), { code: 'expired' });
    clock.ms = NOW_MS;
    assert.equal((await verifier.verify(token)).exp, exp, 'verified afresh, cached again');
    assert.equal(checks(), 3);
  });

  for (const claim of ['nbf', 'iat']) {
    it(`refuses a cached token carrying ${claim} when the clock steps back before it`, async (t) => {
      const { verifier, clock } = setUp(t);
      const early = signRaw(texeraClaims({ [claim]: NOW }));
      await verifier.verify(early);
      clock.ms = (NOW - TOLERANCE - 1) * 1000;
      await assert.rejects(verifier.verify(early), { code: 'not-yet-valid' });
    });
  }

  it('verifies a token differing by one character afresh (and refuses it)', async (t) => {
    const { verifier } = setUp(t);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const flipped = signature[0] === 'A' ? 'B' : 'A';
    await assert.rejects(verifier.verify(`${header}.${payload}.${flipped}${signature.slice(1)}`), {
      code: 'bad-signature',
    });
    const raised = signRaw(texeraClaims({ role: 'ADMIN' })).split('.')[1];
    await assert.rejects(verifier.verify(`${header}.${raised}.${signature}`), {
      code: 'bad-signature',
    });
  });

  it('does not remember a refusal: a token refused before its nbf is accepted after', async (t) => {
    const { verifier, clock } = setUp(t);
    const later = signRaw(texeraClaims({ nbf: NOW + 60 }));
    await assert.rejects(verifier.verify(later), { code: 'not-yet-valid' });
    clock.ms = (NOW + 60) * 1000;
    assert.equal((await verifier.verify(later)).name, 'alice');
  });

  it('with cacheSize 1, a second token evicts the first', async (t) => {
    const { verifier, checks } = setUp(t, { cacheSize: 1 });
    const other = signRaw(texeraClaims({ userId: 7 }));
    await verifier.verify(token);
    await verifier.verify(other);
    await verifier.verify(token);
    assert.equal(checks(), 3, 'the first token was evicted');
    await verifier.verify(token);
    assert.equal(checks(), 3, 'and is cached again');
  });

  it('evicts nobody when two concurrent misses on one token both store it', async (t) => {
    const { verifier, checks } = setUp(t, { cacheSize: 2 });
    const [a, b, c] = [1, 2, 3].map((userId) => signRaw(texeraClaims({ userId })));
    await verifier.verify(a);
    await verifier.verify(b);
    await Promise.all([verifier.verify(c), verifier.verify(c)]);
    assert.equal(checks(), 4);
    await verifier.verify(b);
    await verifier.verify(c);
    assert.equal(checks(), 4, 'b and c are both still cached; only a made room');
  });

  it('with cacheSize 0, checks every token every time', async (t) => {
    const { verifier, checks } = setUp(t, { cacheSize: 0 });
    for (let i = 0; i < 3; i++) assert.equal((await verifier.verify(token)).uid, 42);
    assert.equal(checks(), 3);
  });

  it('never holds more than cacheSize tokens under a stream of distinct valid tokens', async (t) => {
    const size = 4;
    const { verifier, checks } = setUp(t, { cacheSize: size });
    const stream = Array.from({ length: 40 }, (_, i) => signRaw(texeraClaims({ userId: i })));
    for (const each of stream) await verifier.verify(each);
    assert.equal(checks(), stream.length);
    for (const each of stream.slice(-size)) await verifier.verify(each);
    assert.equal(checks(), stream.length, 'the newest cacheSize tokens are cached');
    for (const each of stream.slice(0, -size)) await verifier.verify(each);
    assert.equal(checks(), 2 * stream.length - size, 'every older one had been evicted');
  });

  it('belongs to its verifier: one with another secret refuses a token the first cached', async (t) => {
    const { verifier } = setUp(t);
    await verifier.verify(token);
    const other = createAgentTokenVerifier('another-secret-of-32-characters!', {
      now: () => NOW_MS,
    });
    await assert.rejects(other.verify(token), { code: 'bad-signature' });
  });

  it('hands out copies: mutating a returned user changes no later result', async (t) => {
    const { verifier } = setUp(t);
    const first = await verifier.verify(token);
    const pristine = { ...first };
    first.role = 'ADMIN';
    first.uid = 1;
    const second = await verifier.verify(token);
    assert.deepEqual(second, pristine, 'the user of the verifying call is not the cached one');
    second.name = 'mallory';
    second.exp = Number.MAX_SAFE_INTEGER;
    assert.deepEqual(await verifier.verify(token), pristine, 'a cache hit is a copy too');
  });

  it('refuses a cacheSize that is not a whole number of 0 or more', () => {
    for (const cacheSize of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10' as never]) {
      assert.throws(() => createAgentTokenVerifier(SECRET, { cacheSize }), TypeError);
    }
  });

  it('answers as a fresh verifier would, at any later clock (property)', async () => {
    // Claims and clocks within a few minutes of each other, whole or fractional seconds, so
    // that every bound (exp, nbf, iat, each with the tolerance) is crossed in both directions.
    const seconds = fc.tuple(fc.integer({ min: -200, max: 200 }), fc.constantFrom(0, 0.25, 0.5));
    const clockMs = fc.integer({ min: -200_000, max: 200_000 }).map((d) => NOW_MS + d);
    const at = ([whole, fraction]: [number, number]) => NOW + whole + fraction;
    await fc.assert(
      fc.asyncProperty(
        seconds,
        fc.option(seconds),
        fc.option(seconds),
        clockMs,
        clockMs,
        async (expAt, nbfAt, iatAt, firstMs, laterMs) => {
          const claims = texeraClaims({
            exp: at(expAt),
            ...(nbfAt && { nbf: at(nbfAt) }),
            ...(iatAt && { iat: at(iatAt) }),
          });
          const signed = signRaw(claims);
          const options = { clockToleranceSeconds: TOLERANCE };
          const first = { ms: firstMs };
          const cached = createAgentTokenVerifier(SECRET, { ...options, now: () => first.ms });
          await outcome(cached.verify(signed));
          first.ms = laterMs;
          const fresh = createAgentTokenVerifier(SECRET, { ...options, now: () => laterMs });
          assert.deepEqual(
            await outcome(cached.verify(signed)),
            await outcome(fresh.verify(signed)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
