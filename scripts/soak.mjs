// Soak runs: suites under a CPU hog (one busy loop per core, started and killed here), to prove
// they hold on a busy machine. Loopback only, like the suites themselves.
//   npm run e2e:soak            Playwright suite, 5 runs in a row (the demo is built once, first)
//   npm run e2e:soak -- --runs=3 --no-build   (reuses the demo builds of the last run)
//   npm run test:soak           server, gateway and both Elysia suites, one run each
// Prints one line per run and a final "<green>/<runs>"; exits 1 unless every run is green.
import { availableParallelism } from 'node:os';

import { startHog } from './cpu-hog.mjs';
import { runSuite } from './run-suite.mjs';
import { selectSuites } from './suites.mjs';

const argv = process.argv.slice(2);
const runsArg = argv.find((a) => a.startsWith('--runs='));
const names = argv.filter((a) => !a.startsWith('--'));
const build = !argv.includes('--no-build');
const runs = runsArg ? Number(runsArg.slice('--runs='.length)) : names[0] === 'e2e' ? 5 : 1;
if (!Number.isInteger(runs) || runs < 1 || names.length === 0) {
  console.error('usage: node scripts/soak.mjs [--runs=N] [--no-build] e2e | <suite name part>...');
  process.exit(2);
}

const PLAYWRIGHT = { name: 'Playwright', log: 'e2e', cmd: ['npx', 'playwright', 'test'] };
const E2E_BUILD = {
  name: 'e2e build (demo, twice)',
  log: 'e2e-build',
  cmd: ['npm', 'run', 'e2e:build'],
};

let suites;
if (names[0] === 'e2e') {
  // The builds are not what is being soaked: once, before the hog starts.
  if (build && !(await runSuite({ ...E2E_BUILD, log: 'soak-e2e-build' })).ok) process.exit(1);
  suites = [PLAYWRIGHT];
} else suites = selectSuites(names);

const hog = startHog();
console.log(
  `soak: ${hog.pids.length} busy loops (one per core of ${availableParallelism()}), ${runs} run(s)`,
);
let green = 0;
let total = 0;
for (let run = 1; run <= runs; run++) {
  for (const suite of suites) {
    total++;
    const label = `run ${run}/${runs}:`;
    // Each run keeps its own log, so a red one can be read after the green ones that follow.
    const logged = { ...suite, log: `soak-${suite.log}${runs > 1 ? `-${run}` : ''}` };
    if ((await runSuite(logged, { label, announce: false })).ok) green++;
  }
}
hog.stop();
console.log(`soak: ${green}/${total} green`);
process.exit(green === total ? 0 : 1);
