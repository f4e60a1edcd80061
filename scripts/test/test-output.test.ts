import assert from 'node:assert/strict';
import { test } from 'node:test';

import { failureReport, verdict } from '../run-suite.mjs';
import { testCounts, testFailures } from '../test-output.mjs';

const ESC = '\x1b';

// Excerpts of what each runner prints, as `npm test` gets it (stdout not a terminal).
const TAP = `TAP version 13
# Subtest: scripts/test/a.test.ts
    # Subtest: adds
    ok 1 - adds
      ---
      duration_ms: 1.2
      ...
    # Subtest: refuses a forged token
    not ok 2 - refuses a forged token
      ---
      duration_ms: 3.4
      location: '/repo/a.test.ts:9:1'
      failureType: 'testCodeFailure'
      error: |-
        Expected values to be strictly equal:
        
        200 !== 401
        
      code: 'ERR_ASSERTION'
      stack: |-
        at TestContext.<anonymous> (/repo/a.test.ts:10:10)
      ...
    # Subtest: times out
    not ok 3 - times out
      ---
      duration_ms: 5
      failureType: 'testTimeoutFailure'
      error: 'test timed out after 5ms'
      code: 'ERR_TEST_FAILURE'
      ...
    1..3
not ok 1 - scripts/test/a.test.ts
  ---
  duration_ms: 20
  failureType: 'subtestsFailed'
  error: '2 subtests failed'
  code: 'ERR_TEST_FAILURE'
  ...
1..1
# tests 3
# suites 0
# pass 1
# fail 2
# cancelled 0
# skipped 0
# todo 0
# duration_ms 40
`;

const KARMA = `Chrome Headless 142.0.0.0 (Linux x86_64) AgentSocketFactory opens a socket with the token FAILED
	Expected 'a' to equal 'b'.
	    at <Jasmine>
	    at UserContext.<anonymous> (projects/agent-auth/src/lib/socket.spec.ts:12:5)
..........
Chrome Headless 142.0.0.0 (Linux x86_64): Executed 474 of 476 (1 FAILED) (skipped 2) ERROR (2.1 secs / 1.9 secs)
TOTAL: 1 FAILED, 473 SUCCESS
`;

const VITEST = ` FAIL  src/app/agents/agent.service.spec.ts > AgentService > lists agents
AssertionError: expected 1 to be 2 // Object.is equality

 ❯ src/app/agents/agent.service.spec.ts:20:5

 Test Files  1 failed | 3 passed (4)
      Tests  1 failed | 40 passed | 1 todo (42)
`;

const PLAYWRIGHT = `  ✘  24 [nginx] › e2e/token-lifecycle.spec.ts:22:1 › scenario 10: two tabs (17.8s)

  1) [nginx] › e2e/token-lifecycle.spec.ts:22:1 › scenario 10: two tabs ──────────────

    Error: expect(locator).toHaveText(expected) failed

    Locator: getByTestId('socket-state')
    Expected pattern: /open/
    Timeout: 8000ms

  1 failed
    [nginx] › e2e/token-lifecycle.spec.ts:22:1 › scenario 10: two tabs
  30 passed (5.5m)
`;

test('reads the counts of every runner npm test uses', () => {
  assert.deepEqual(testCounts(TAP), { passed: 1, failed: 2, skipped: 0 });
  assert.deepEqual(testCounts(KARMA), { passed: 473, failed: 1, skipped: 2 });
  assert.deepEqual(testCounts(VITEST), { passed: 40, failed: 1, skipped: 1 });
  assert.deepEqual(testCounts(PLAYWRIGHT), { passed: 30, failed: 1, skipped: 0 });
  assert.equal(testCounts('Application bundle generation complete.\n'), null);
});

test('reads counts through colour codes', () => {
  const coloured = `${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[32m4 passed${ESC}[39m${ESC}[22m${ESC}[90m (4)${ESC}[39m\n`;
  assert.deepEqual(testCounts(coloured), { passed: 4, failed: 0, skipped: 0 });
});

test('names each failing test with its message, and not the file that holds it', () => {
  assert.deepEqual(testFailures(TAP), [
    {
      name: 'refuses a forged token',
      message: 'Expected values to be strictly equal: | 200 !== 401',
    },
    { name: 'times out', message: 'test timed out after 5ms' },
  ]);
  assert.deepEqual(testFailures(KARMA), [
    {
      name: 'AgentSocketFactory opens a socket with the token',
      message: "Expected 'a' to equal 'b'.",
    },
  ]);
  assert.deepEqual(testFailures(VITEST), [
    {
      name: 'src/app/agents/agent.service.spec.ts > AgentService > lists agents',
      message: 'AssertionError: expected 1 to be 2 // Object.is equality',
    },
  ]);
  assert.deepEqual(testFailures(PLAYWRIGHT), [
    {
      name: '[nginx] › e2e/token-lifecycle.spec.ts:22:1 › scenario 10: two tabs',
      message:
        'Error: expect(locator).toHaveText(expected) failed | Expected pattern: /open/ | Timeout: 8000ms',
    },
  ]);
});

test('a suite is ok only with exit 0, no failure and nothing skipped', () => {
  const green = '# pass 3\n# fail 0\n# skipped 0\n# todo 0\n';
  assert.equal(verdict(0, green).ok, true);
  assert.equal(verdict(1, green).ok, false);
  assert.equal(verdict(0, '# pass 3\n# fail 1\n').ok, false);
  assert.equal(verdict(0, '# pass 3\n# skipped 1\n').ok, false);
  assert.equal(verdict(0, 'Executed 2 of 3 (skipped 1) SUCCESS').ok, false);
  // A runner that counts nothing (the bench smoke) is judged on its exit code.
  assert.equal(verdict(0, 'took 12 s\n').ok, true);
});

test('a failing suite shows its failures and the log, or the log tail when none is named', () => {
  const named = failureReport(PLAYWRIGHT, 1, 0, 'test-results/e2e.log');
  assert.match(named[0], /x \[nginx\] .* scenario 10: two tabs/);
  assert.match(named[1], /toHaveText/);
  assert.equal(named.at(-1), '    full log: test-results/e2e.log');
  const crashed = failureReport('building...\nerror TS2304: Cannot find name x\n', 2, 0, 'l.log');
  assert.ok(crashed.some((line) => line.includes('exit 2')));
  assert.ok(crashed.some((line) => line.includes('error TS2304')));
  const skipped = failureReport('# pass 2\n# skipped 1\n', 0, 1, 'l.log');
  assert.ok(skipped.some((line) => line.includes('skipped tests fail the run')));
});
