// `npm run bench`: the figures behind every speed and size claim, each measured side by side
// with the baselines in the same run. Flags: --json, --smoke (tiny; checks only that every case
// still works, figures meaningless), --write-docs (rewrites docs/benchmarks.md with this run),
// --only=<section>[,<section>] (interceptor, size, app-size, verify, gateway, elysia) to run just those.
// The library is packed first (`npm run pack:lib`): every library figure is of the installed package.
import { randomBytes } from 'node:crypto';

import { mintToken } from '../tools/test-support/mint-token';
import { appSizeSections } from './app-size/section';
import { elysiaSection } from './elysia/section';
import { gatewaySection } from './gateway/section';
import { interceptorSection } from './interceptor/section';
import { writeDocs } from './lib/docs';
import { machineLine } from './lib/machine';
import { type Report, type Section, textReport } from './lib/report';
import { buildLibrary, sizeSection } from './size';
import { verifySection } from './verify/section';

const SECTIONS = ['interceptor', 'size', 'app-size', 'verify', 'gateway', 'elysia'];
const argv = process.argv.slice(2);
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const args = new Set(argv.filter((a) => !a.startsWith('--only=')));
const unknown = [
  ...[...args].filter((a) => !['--json', '--smoke', '--write-docs'].includes(a)),
  ...(only ?? []).filter((name) => !SECTIONS.includes(name)),
];
if (unknown.length) {
  console.error(
    `bench: unknown ${unknown.join(' ')}; flags: --json --smoke --write-docs ` +
      `--only=${SECTIONS.join(',')}`,
  );
  process.exit(2);
}
const smoke = args.has('--smoke');
if ((smoke || only) && args.has('--write-docs')) {
  console.error('bench: --write-docs takes a full run (no --smoke, no --only)');
  process.exit(2);
}

const SIZES = smoke
  ? {
      interceptor: { requests: 2_000, warmup: 200, rounds: 3 },
      verify: { requests: 200, warmup: 50, rounds: 3 },
      gateway: { seconds: 1, rounds: 1, connections: 4 },
      elysia: {
        seconds: 1,
        rounds: 1,
        connections: 4,
        handle: { requests: 1_000, warmup: 200, rounds: 1 },
      },
    }
  : {
      interceptor: { requests: 200_000, warmup: 50_000, rounds: 5 },
      verify: { requests: 20_000, warmup: 5_000, rounds: 5 },
      gateway: { seconds: 3, rounds: 3, connections: 16 },
      elysia: {
        seconds: 3,
        rounds: 5,
        connections: 16,
        handle: { requests: 50_000, warmup: 10_000, rounds: 5 },
      },
    };

const started = Date.now();
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const sections: Section[] = [];
const failures: string[] = [];
let chromium: string | null = null;
let nginx: string | null = null;

/** A failing section is reported and fails the run, but the others still run. */
async function section(
  key: string,
  name: string,
  run: () => Promise<Section | Section[]>,
): Promise<void> {
  if (only && !only.includes(key)) return;
  log(name);
  try {
    sections.push(...[await run()].flat());
  } catch (error) {
    failures.push(name);
    log(`${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  }
}

if (!only || only.some((key) => ['interceptor', 'size', 'app-size'].includes(key))) {
  log('packing the library (npm run pack:lib)');
  buildLibrary();
}
const token = await mintToken(randomBytes(24).toString('base64url'), {
  role: 'REGULAR',
  ttlSeconds: 3600,
});
await section('interceptor', 'interceptor (Node, then Chromium)', async () => {
  const result = await interceptorSection(token, SIZES.interceptor);
  chromium = result.chromium;
  return result.section;
});
await section('size', 'bundle size (the built FESM)', sizeSection);
await section('app-size', 'app size (ng build bench-app, four ways)', appSizeSections);
await section('verify', 'token verification', () => verifySection(SIZES.verify));
await section('gateway', 'gateway (autocannon)', async () => {
  const result = await gatewaySection(SIZES.gateway);
  nginx = result.nginx;
  return result.section;
});

await section('elysia', 'Elysia plugin on Bun (autocannon)', () => elysiaSection(SIZES.elysia));

const report: Report = {
  machine: machineLine(chromium, nginx),
  command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  smoke,
  seconds: Math.round((Date.now() - started) / 1000),
  sections,
};
console.log(args.has('--json') ? JSON.stringify(report, null, 2) : textReport(report));
if (failures.length) {
  log(`FAILED: ${failures.join(', ')}`);
  process.exit(1);
}
if (args.has('--write-docs')) {
  await writeDocs(report);
  log('wrote docs/benchmarks.md');
}
