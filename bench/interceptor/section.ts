import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { type RoundsOptions, type RoundsResult } from '../lib/rounds';
import { type Section, goal } from '../lib/report';
import { bundleInterceptorBench } from './bundle';
import { runInChromium } from './chromium';
import { runInNode } from './node';

export const FLOOR = 'floor';
export const OURS = 'ours, agent call';
export const ANGULAR_JWT = '@auth0/angular-jwt';

function byName(results: RoundsResult[], name: string): number {
  const found = results.find((r) => r.name === name);
  if (!found) throw new Error(`interceptor bench: no result for "${name}"`);
  return found.nsPerOp;
}

export async function interceptorSection(
  token: string,
  options: RoundsOptions,
): Promise<{ section: Section; chromium: string }> {
  const bundle = await bundleInterceptorBench();
  let node: RoundsResult[];
  let browser: Awaited<ReturnType<typeof runInChromium>>;
  try {
    node = await runInNode(bundle, token, options);
    browser = await runInChromium(bundle, token, options);
  } finally {
    await rm(dirname(bundle), { recursive: true, force: true });
  }
  const env = [
    { key: 'node', results: node },
    { key: 'chromium', results: browser.results },
  ];
  const rows = node.map(({ name }) => {
    const row: Section['rows'][number] = { case: name };
    for (const { key, results } of env) {
      const ns = byName(results, name);
      row[key] = ns;
      row[`${key}Floor`] = ns / byName(results, FLOOR);
      row[`${key}Jwt`] = ns / byName(results, ANGULAR_JWT);
    }
    return row;
  });
  // The goal is relative to what Texera runs today; the floor is shown for scale only.
  const goals = env.map(({ key, results }) =>
    goal(
      `${key === 'node' ? 'Node' : 'Chromium'}: ours <= 0.25x angular-jwt`,
      byName(results, OURS) / byName(results, ANGULAR_JWT),
      (v) => v <= 0.25,
    ),
  );
  return {
    chromium: browser.version,
    section: {
      title: '1. Interceptor cost per request',
      method:
        `ns per request (lower is better), median of ${options.rounds} interleaved rounds of ` +
        `${options.requests.toLocaleString('en-US')} requests per case after ` +
        `${options.warmup.toLocaleString('en-US')} warm-up; the same esbuild bundle in Node and ` +
        'in headless Chromium; URLs /api/agents, api/models, /api/agents/a1/settings.',
      columns: [
        { key: 'case', label: 'case', text: true },
        { key: 'node', label: 'Node ns/req' },
        { key: 'nodeFloor', label: 'vs floor', ratio: true },
        { key: 'nodeJwt', label: 'vs angular-jwt', ratio: true },
        { key: 'chromium', label: 'Chromium ns/req' },
        { key: 'chromiumFloor', label: 'vs floor', ratio: true },
        { key: 'chromiumJwt', label: 'vs angular-jwt', ratio: true },
      ],
      rows,
      goals,
    },
  };
}
