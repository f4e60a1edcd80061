import assert from 'node:assert/strict';
import { test } from 'node:test';

import { skippedCount } from '../skipped-tests.mjs';

const ESC = '\x1b';

test('counts skipped and todo tests in every runner summary, coloured or not', () => {
  assert.equal(skippedCount('Executed 10 of 12 (skipped 2) SUCCESS'), 2);
  assert.equal(skippedCount('# pass 3\n# skipped 1\n# todo 2\n'), 3);
  assert.equal(skippedCount('  4 passed (9.1s)\n  1 skipped\n'), 1);
  assert.equal(skippedCount('      Tests  4 passed | 1 skipped | 1 todo (6)\n'), 2);
  const coloured =
    `${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[32m4 passed${ESC}[39m${ESC}[22m${ESC}[2m | ` +
    `${ESC}[22m${ESC}[33m1 skipped${ESC}[39m${ESC}[2m | ${ESC}[22m${ESC}[90m1 todo${ESC}[39m${ESC}[90m (6)${ESC}[39m`;
  assert.equal(skippedCount(coloured), 2);
});

test('a clean run counts none', () => {
  assert.equal(skippedCount('      Tests  4 passed (4)\n'), 0);
  assert.equal(skippedCount('TOTAL: 474 SUCCESS\n# skipped 0\n'), 0);
});
