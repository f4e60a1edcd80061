// Section 5: the Elysia plugin on Bun, side by side with no auth, the official plugins and a
// hand-rolled check, each an Elysia app of its own in a Bun child (as Texera runs), loaded in turn.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { hostElysia, type RunningElysiaHost } from '../../tools/test-support/elysia-host';
import { mintToken } from '../../tools/test-support/mint-token';
import { interleavedLoads, type LoadOptions } from '../lib/load';
import { type Section, goal } from '../lib/report';
import { median, type RoundsOptions } from '../lib/rounds';
import { createBenchApp, VARIANTS, type BenchAppConfig, type Variant } from './apps';

export type ElysiaBenchOptions = LoadOptions & {
  rounds: number;
  /** The in-process cost measure: app.handle() calls per variant per round, and warm-up. */
  handle: RoundsOptions;
};

const APPS_FILE = fileURLToPath(new URL('./apps.ts', import.meta.url));
const HANDLE_COST_FILE = fileURLToPath(new URL('./handle-cost.ts', import.meta.url));

/**
 * ns per request each variant costs the server (handle-cost.ts, run by Bun), by variant name:
 * the lowest of the interleaved rounds, since a busy machine only ever adds time to a round.
 */
async function handleCosts(secret: string, rounds: RoundsOptions): Promise<Record<string, number>> {
  const scripts = new URL('../../scripts/bun.mjs', import.meta.url).href;
  const { bunPath } = (await import(scripts)) as { bunPath(): string };
  const { stdout } = await promisify(execFile)(bunPath(), [
    HANDLE_COST_FILE,
    JSON.stringify({ secret, ...rounds }),
  ]);
  const perRound = JSON.parse(stdout) as Record<string, number[]>;
  return Object.fromEntries(
    Object.entries(perRound).map(([name, values]) => [name, Math.min(...values)]),
  );
}

/**
 * "ours >= 0.9x no auth" judged on the server's own cost: a no-auth request served over the
 * network takes 1/req/s of the server, and ours adds its in-process cost over no auth's to it.
 * Load slows both terms alike, so the estimate holds where the measured req/s ratio swings.
 */
export function estimatedThroughputRatio(
  noAuthPerSecond: number,
  noAuthUs: number,
  oursUs: number,
): number {
  const servedUs = 1e6 / noAuthPerSecond;
  return servedUs / (servedUs + Math.max(0, oursUs - noAuthUs));
}

const range = (values: number[]) =>
  `${Math.round(Math.min(...values)).toLocaleString('en-US')}-${Math.round(Math.max(...values)).toLocaleString('en-US')}`;

/** Before any load: each variant serves a valid token and refuses what it must, with the right status. */
async function checkVariant(
  variant: Variant,
  url: string,
  tokens: Record<string, string>,
): Promise<void> {
  const cases: [string, string | null, number][] =
    variant === 'none'
      ? [['valid', tokens['valid'], 200]]
      : [
          ['valid', tokens['valid'], 200],
          ['missing', null, 401],
          ['forged', tokens['forged'], 401],
          ['expired', tokens['expired'], 401],
          ['RESTRICTED', tokens['restricted'], 403],
        ];
  for (const [name, token, expected] of cases) {
    const res = await fetch(`${url}/api/agents`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    if (res.status !== expected) {
      throw new Error(`${VARIANTS[variant]}: a ${name} token got ${res.status}, not ${expected}`);
    }
  }
}

export async function elysiaSection(options: ElysiaBenchOptions): Promise<Section> {
  const secret = randomBytes(24).toString('base64url');
  const tokens = {
    valid: await mintToken(secret, { role: 'REGULAR', ttlSeconds: 3600 }),
    forged: await mintToken(randomBytes(24).toString('base64url'), { role: 'ADMIN' }),
    expired: await mintToken(secret, { role: 'REGULAR', ttlSeconds: -120 }),
    restricted: await mintToken(secret, { role: 'RESTRICTED' }),
  };
  const variants = Object.keys(VARIANTS) as Variant[];
  const hosts: RunningElysiaHost[] = [];
  try {
    const targets: Record<string, string> = {};
    for (const variant of variants) {
      const host = await hostElysia<BenchAppConfig>({
        runtime: 'bun',
        factory: createBenchApp,
        file: APPS_FILE,
        exportName: 'createBenchApp',
        config: { variant, secret },
      });
      hosts.push(host);
      await checkVariant(variant, host.url, tokens);
      targets[VARIANTS[variant]] = `${host.url}/api/agents`;
    }
    const runs = await interleavedLoads(targets, tokens.valid, options);
    // After the load, with the servers idle: the in-process figures get a core to themselves.
    const costs = await handleCosts(secret, options.handle);
    const micros = (variant: Variant) => costs[VARIANTS[variant]] / 1000;
    const rates = (variant: Variant) => runs.get(VARIANTS[variant])!.map((r) => r.perSecond);
    const perSecond = (variant: Variant) => median(rates(variant));
    const pick = (name: string, key: 'mean' | 'p99') => median(runs.get(name)!.map((r) => r[key]));
    const none = perSecond('none');
    const handRolled = perSecond('handRolled');
    return {
      title: '5. Elysia plugin on Bun',
      method:
        `GET /api/agents with a valid REGULAR token on an Elysia app in Texera's layout (five ` +
        `agent routes), one Bun child per variant; autocannon on loopback from this process, ` +
        `${options.connections} connections, median of ${options.rounds} interleaved ` +
        `${options.seconds} s runs after a 1 s warm-up, with their spread (min-max); req/s swing ` +
        'with what else the machine runs. Before loading, every guarded variant must answer 401 ' +
        'to a missing, forged and expired token and 403 to RESTRICTED. Server us/req: the same ' +
        'request through app.handle() in one Bun process, no network, lowest of ' +
        `${options.handle.rounds} interleaved rounds of ${options.handle.requests.toLocaleString('en-US')}; ` +
        'the goals are judged on it. "ours >= 0.9x no auth" is estimated from it: a no-auth ' +
        "request's share of the server (1 / its req/s) against that plus ours' added us/req.",
      columns: [
        { key: 'variant', label: 'variant', text: true },
        { key: 'perSecond', label: 'req/s' },
        { key: 'spread', label: 'req/s min-max', text: true },
        { key: 'mean', label: 'mean ms', digits: 2 },
        { key: 'p99', label: 'p99 ms' },
        { key: 'vsNone', label: 'vs no auth', ratio: true },
        { key: 'vsHandRolled', label: 'vs hand-rolled', ratio: true },
        { key: 'serverUs', label: 'server us/req', digits: 2 },
        { key: 'serverVsHandRolled', label: 'server vs hand-rolled', ratio: true },
      ],
      rows: variants.map((variant) => ({
        variant: VARIANTS[variant],
        perSecond: perSecond(variant),
        spread: range(rates(variant)),
        mean: pick(VARIANTS[variant], 'mean'),
        p99: pick(VARIANTS[variant], 'p99'),
        vsNone: perSecond(variant) / none,
        vsHandRolled: perSecond(variant) / handRolled,
        serverUs: micros(variant),
        serverVsHandRolled: micros(variant) / micros('handRolled'),
      })),
      // Judged on server us/req, which a busy machine inflates for every variant alike.
      goals: [
        goal(
          'ours >= 0.9x no auth (estimated from server us/req)',
          estimatedThroughputRatio(none, micros('none'), micros('ours')),
          (v) => v >= 0.9,
        ),
        goal(
          'ours costs the server less per request than @elysiajs/jwt + @elysiajs/bearer',
          micros('ours') / micros('jwtBearer'),
          (v) => v < 1,
        ),
        goal(
          'ours costs the server no more per request than hand-rolled',
          micros('ours') / micros('handRolled'),
          (v) => v <= 1,
        ),
      ],
    };
  } finally {
    await Promise.all(hosts.map((host) => host.close()));
  }
}
