// Runs every *.test.ts under the given folders with node's test runner and tsx, one file at a
// time (the CPUs are shared). Node 20 has no test globs, hence this listing.
// Usage: node scripts/node-test.mjs <folder>... [-- <extra node --test flags>]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const folders = split < 0 ? argv : argv.slice(0, split);
const extra = split < 0 ? [] : argv.slice(split + 1);

const files = folders
  .flatMap((folder) => readdirSync(folder, { recursive: true }).map((name) => join(folder, name)))
  .filter((path) => path.endsWith('.test.ts'))
  .sort();
if (files.length === 0) {
  console.error(`node-test: no *.test.ts under ${folders.join(', ')}`);
  process.exit(1);
}

const { status } = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...extra, ...files],
  { stdio: 'inherit' },
);
process.exit(status ?? 1);
