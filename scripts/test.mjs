// `npm test`: every suite the repo has (scripts/suites.mjs), in order, each a real process whose
// full output goes to test-results/<suite>.log. Prints one line per suite as it starts and one
// as it ends, the failures of a failing one, and closes with the test counts and the suite
// counts. Fails on any failure, on any skipped or focused test, and when the run changed what
// `git status` shows. `node scripts/test.mjs <name part>...` runs only the matching suites.
import { fileURLToPath } from 'node:url';

import { findBun } from './bun.mjs';
import { runSuite } from './run-suite.mjs';
import { selectSuites } from './suites.mjs';
import { ensureTool } from './system-deps.mjs';
import { treeChanges, treeStatus } from './tree-check.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const selected = selectSuites(process.argv.slice(2));
if (selected.length === 0) {
  console.error(`agent-auth: no suite matches ${process.argv.slice(2).join(' ')}`);
  process.exit(2);
}

/** Bun ships in node_modules (npm's `bun` package); when it cannot start, say so in one line. */
function ensureBun() {
  const bun = findBun();
  if (bun instanceof Error) {
    console.error(bun.message);
    process.exit(1);
  }
}
for (const tool of new Set(selected.flatMap((s) => s.needs ?? [])))
  if (tool === 'bun') ensureBun();
  else await ensureTool(tool);

const before = treeStatus(ROOT);
if (before === null)
  console.log('agent-auth: not a git checkout; the check that the tree stays clean is skipped.');

let passedSuites = 0;
let failedSuites = 0;
let passedTests = 0;
let failedTests = 0;
const started = Date.now();
for (const [index, suite] of selected.entries()) {
  const result = await runSuite(suite, { label: `[${index + 1}/${selected.length}]` });
  passedTests += result.counts?.passed ?? 0;
  // A failing suite counts at least one failed test, even when its runner never got to count.
  const failed = (result.counts?.failed ?? 0) + (result.counts?.skipped ?? 0);
  failedTests += result.ok ? failed : Math.max(failed, 1);
  if (result.ok) passedSuites++;
  else failedSuites++;
}

if (before !== null) {
  const after = treeStatus(ROOT) ?? [];
  const changes = treeChanges(before, after);
  if (changes.length) {
    // Counted as a failed suite, so both closing lines say the run failed.
    failedSuites++;
    failedTests++;
    console.log(`tree: FAILED, the run changed what git status shows (${changes.length}):`);
    for (const line of changes.slice(0, 20)) console.log(`    ${line}`);
  } else console.log('tree: ok, git status is as before the run');
}

const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nagent-auth: ${selected.length} suites in ${seconds} s`);
// CI reads the tests' closing line; people read the suites'.
console.log(`${passedTests} passed, ${failedTests} failed`);
console.log(`suites: ${passedSuites} passed, ${failedSuites} failed`);
process.exit(failedSuites || failedTests ? 1 : 0);
