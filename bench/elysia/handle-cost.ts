// Run by Bun (bench/elysia/section.ts): what each variant costs the server per request, without
// a network or a load generator in the way: `app.handle()` of the same GET /api/agents, in
// interleaved rounds. Prints one JSON line, { [variant name]: ns per request, one per round }.
import { SignJWT } from 'jose';

import { texeraKeyBytes } from '../../projects/agent-service-auth/src/internal';
import { interleavedRounds } from '../lib/rounds';
import { createBenchApp, VARIANTS, type Variant } from './apps';

const { secret, requests, warmup, rounds } = JSON.parse(process.argv[2] ?? '{}') as {
  secret: string;
  requests: number;
  warmup: number;
  rounds: number;
};
const token = await new SignJWT({ sub: 'alice', userId: 42, role: 'REGULAR' })
  .setProtectedHeader({ alg: 'HS256' })
  .setExpirationTime('1h')
  .sign(texeraKeyBytes(secret));
const init = { headers: { authorization: `Bearer ${token}` } };

const cases = (Object.keys(VARIANTS) as Variant[]).map((variant) => {
  const app = createBenchApp({ variant, secret }, undefined);
  return {
    name: VARIANTS[variant],
    async run(count: number) {
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const res = await app.handle(new Request('http://localhost/api/agents', init));
        if (res.status !== 200) throw new Error(`${VARIANTS[variant]}: ${res.status}`);
      }
      return ((performance.now() - started) * 1e6) / count;
    },
  };
});
const results = await interleavedRounds(cases, { requests, warmup, rounds });
console.log(JSON.stringify(Object.fromEntries(results.map((r) => [r.name, r.rounds]))));
