import { createSecretKey, randomBytes } from 'node:crypto';

import { jwtVerify } from 'jose';
import jsonwebtoken from 'jsonwebtoken';

import { mintToken } from '../../tools/test-support/mint-token';
import { createAgentTokenVerifier } from '../../projects/agent-service-auth/src/index';
import { type RoundsOptions, type RoundsResult, interleavedRounds } from '../lib/rounds';
import { floorVerifier } from './floor';

const TOLERANCE = 30;

interface VerifyCase {
  name: string;
  /** Resolves or returns the `sub` claim; throws or rejects for a bad token. */
  verify(token: string): unknown;
  async: boolean;
}

function cases(secret: string): VerifyCase[] {
  // As shipped: the verified-token cache on, at its default size.
  const ours = createAgentTokenVerifier(secret, { clockToleranceSeconds: TOLERANCE });
  const uncached = createAgentTokenVerifier(secret, {
    clockToleranceSeconds: TOLERANCE,
    cacheSize: 0,
  });
  const keyObject = createSecretKey(Buffer.from(secret.toLowerCase(), 'utf8'));
  const floor = floorVerifier(secret, TOLERANCE);
  return [
    { name: FLOOR, async: false, verify: (t) => floor(t)['sub'] },
    { name: OURS, async: true, verify: (t) => ours.verify(t) },
    { name: OURS_UNCACHED, async: true, verify: (t) => uncached.verify(t) },
    {
      name: 'jose naive (fresh Uint8Array key)',
      async: true,
      verify: (t) =>
        jwtVerify(t, new TextEncoder().encode(secret.toLowerCase()), {
          algorithms: ['HS256'],
          clockTolerance: TOLERANCE,
        }),
    },
    {
      name: 'jsonwebtoken (KeyObject)',
      async: false,
      verify: (t) =>
        jsonwebtoken.verify(t, keyObject, { algorithms: ['HS256'], clockTolerance: TOLERANCE }),
    },
  ];
}

/** A verifier that accepts a forged token is broken, whatever its speed. */
async function check(c: VerifyCase, token: string, forged: string): Promise<void> {
  await c.verify(token);
  let refused = false;
  try {
    await c.verify(forged);
  } catch {
    refused = true;
  }
  if (!refused) throw new Error(`verification case "${c.name}" accepted a forged token`);
}

function timer(c: VerifyCase, token: string) {
  return c.async
    ? async (count: number) => {
        const started = performance.now();
        for (let i = 0; i < count; i++) await c.verify(token);
        return ((performance.now() - started) * 1e6) / count;
      }
    : (count: number) => {
        const started = performance.now();
        for (let i = 0; i < count; i++) c.verify(token);
        return ((performance.now() - started) * 1e6) / count;
      };
}

/** Nanoseconds per verification of one valid token, one at a time (await each). */
export async function runVerifyBench(options: RoundsOptions): Promise<RoundsResult[]> {
  const secret = randomBytes(24).toString('base64url');
  const token = await mintToken(secret, { role: 'REGULAR', ttlSeconds: 3600 });
  const forged = await mintToken(`${secret}x`, { role: 'REGULAR', ttlSeconds: 3600 });
  const all = cases(secret);
  for (const c of all) await check(c, token, forged);
  return interleavedRounds(
    all.map((c) => ({ name: c.name, run: timer(c, token) })),
    options,
  );
}

export const FLOOR = 'floor (node:crypto, by hand)';
export const OURS = 'ours (createAgentTokenVerifier)';
/** What a token costs the first time the verifier sees it. */
export const OURS_UNCACHED = 'ours, cache off (cacheSize: 0)';
