import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { type Section, goal } from '../lib/report';
import { addedBySource, bytesBySource } from './attribution';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASELINE = 'http-only';

/** angular.json `bench-app` builds, one per auth setup (`bench/app-size/app/auth*.ts`). */
export const VARIANTS = [
  { name: BASELINE, label: 'HttpClient only (baseline)' },
  { name: 'angular-jwt', label: "@auth0/angular-jwt, Texera's config" },
  { name: 'ours', label: 'ours: interceptor, socket factory, failures$' },
  { name: 'ours-interceptor', label: 'ours: interceptor only (HTTP-only use)' },
] as const;
type Variant = (typeof VARIANTS)[number]['name'];

const LIBRARY_FESM = 'node_modules/@texera/agent-auth/fesm2022/texera-agent-auth.mjs';
// Two builds at a time: each is mostly one core of compiling, then a burst of esbuild.
const CONCURRENT_BUILDS = 2;
const BREAKDOWN_ROWS = 12;

function outputDir(variant: Variant): string {
  return join(ROOT, 'dist/bench-app', variant);
}

function buildVariant(variant: Variant): Promise<void> {
  const args = ['ng', 'build', 'bench-app', ...(variant === BASELINE ? [] : ['-c', variant])];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npx ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

async function buildAll(): Promise<void> {
  const queue = VARIANTS.map((v) => v.name);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await buildVariant(next);
  };
  await Promise.all(Array.from({ length: CONCURRENT_BUILDS }, worker));
}

interface Built {
  variant: Variant;
  minified: number;
  gzipped: number;
  bySource: Map<string, number>;
  inputs: string[];
  /** The modules with bytes in main.js (esbuild's stats list every module it parsed). */
  bundled: string[];
}

function readBuild(variant: Variant): Built {
  const dir = outputDir(variant);
  const code = readFileSync(join(dir, 'browser/main.js'), 'utf8');
  const map = readFileSync(join(dir, 'browser/main.js.map'), 'utf8');
  const stats = JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const main = Object.entries(stats.outputs).find(([file]) => /(^|\/)main[^/]*\.js$/.test(file));
  return {
    variant,
    minified: Buffer.byteLength(code),
    gzipped: gzipSync(code, { level: 9 }).length,
    bySource: bytesBySource(code, map, ROOT),
    inputs: Object.keys(stats.inputs),
    bundled: Object.entries(main?.[1].inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  };
}

/** `projects/agent-auth/src/lib/socket.ts` -> `lib/socket.ts`; `node_modules/rxjs/...` kept. */
function shortSource(source: string): string {
  return source.replace(/^projects\/agent-auth\/src\//, '');
}

/**
 * One minimal standalone production app (router + HttpClient, zoneless) built four ways with
 * `ng build`, the library linked from its built package as users get it; each main chunk's gzip
 * size over the baseline's. In --smoke too: the builds are the thing under test, and they take
 * about half a minute, two at a time.
 */
export async function appSizeSections(): Promise<Section[]> {
  await buildAll();
  const built = new Map(VARIANTS.map((v) => [v.name, readBuild(v.name)]));
  const get = (variant: Variant) => built.get(variant)!;
  for (const variant of ['ours', 'ours-interceptor'] as const) {
    if (!get(variant).inputs.includes(LIBRARY_FESM)) {
      throw new Error(`the ${variant} build did not link ${LIBRARY_FESM} (the built package)`);
    }
  }
  // An app that uses open() and not connect() must carry none of rxjs's WebSocketSubject.
  const socketSubject = get('ours').bundled.filter((file) =>
    /rxjs\/dist\/[^/]+\/.*(webSocket|WebSocketSubject)/.test(file),
  );
  if (get('ours').bundled.length === 0 || socketSubject.length > 0) {
    throw new Error(`the open()-only build bundles ${socketSubject.join(', ') || 'nothing?'}`);
  }
  const base = get(BASELINE);
  const delta = (variant: Variant) => get(variant).gzipped - base.gzipped;
  const jwtDelta = delta('angular-jwt');
  const rows = VARIANTS.map(({ name, label }) => ({
    variant: label,
    minified: get(name).minified,
    gzipped: get(name).gzipped,
    delta: name === BASELINE ? null : delta(name),
    vsJwt: name === BASELINE ? null : delta(name) / jwtDelta,
  }));
  const added = addedBySource(get('ours').bySource, base.bySource);
  const addedTotal = added.reduce((sum, row) => sum + row.bytes, 0);
  return [
    {
      title: '2b. What an app pays: main chunk of a minimal standalone app',
      method:
        'one app (provideRouter, HttpClient, one GET), `ng build bench-app -c <variant>` in ' +
        'production mode, @texera/agent-auth linked from the packed tarball as installed (partial compilation); ' +
        'main.js gzip -9, and its growth over the HttpClient-only build.',
      columns: [
        { key: 'variant', label: 'app', text: true },
        { key: 'minified', label: 'main.js B' },
        { key: 'gzipped', label: 'gzip B' },
        { key: 'delta', label: 'gzip delta B' },
        { key: 'vsJwt', label: "delta vs angular-jwt's", ratio: true },
      ],
      rows,
      goals: [
        goal("full use <= 2x angular-jwt's delta", delta('ours') / jwtDelta, (v) => v <= 2),
        goal(
          "interceptor only <= 1.5x angular-jwt's delta",
          delta('ours-interceptor') / jwtDelta,
          (v) => v <= 1.5,
        ),
      ],
    },
    {
      title: "2c. Where the full-use build's extra bytes come from",
      method:
        "minified characters of main.js per original source (the app's source map, which chains " +
        "the library FESM's map), full use minus the HttpClient-only build, largest first.",
      columns: [
        { key: 'source', label: 'source', text: true },
        { key: 'bytes', label: 'minified chars added' },
        { key: 'share', label: 'share %', digits: 1 },
      ],
      rows: added.slice(0, BREAKDOWN_ROWS).map((row) => ({
        source: shortSource(row.source),
        bytes: row.bytes,
        share: (100 * row.bytes) / addedTotal,
      })),
      goals: [],
    },
  ];
}
