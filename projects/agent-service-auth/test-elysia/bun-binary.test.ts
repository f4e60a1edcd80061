// scripts/bun.mjs: the Bun the suites and the stack use is found in node_modules, and when none
// can start the failure is one line naming why (no silent skip anywhere that needs Bun).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../../..');
const probe = (env: Record<string, string>) =>
  spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const r = (await import('./scripts/bun.mjs')).findBun(); console.log(r instanceof Error ? 'ERROR ' + r.message : r.version)",
    ],
    { cwd: root, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...env } },
  );

describe('the Bun binary', () => {
  it('is found in node_modules and runs', () => {
    assert.match(probe({}).stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  it('when it cannot start, says so in one line', () => {
    const out = probe({ BUN_BIN: '/nonexistent/bun' }).stdout.trim();
    assert.match(
      out,
      /^ERROR agent-auth: Bun cannot start on this machine \(\/nonexistent\/bun: not found\)/,
    );
    assert.equal(out.split('\n').length, 1);
  });
});
