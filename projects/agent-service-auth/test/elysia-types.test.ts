// The type-level checks of test-elysia/types.check.ts (and the Elysia suites themselves) compile:
// a context that lost its types, or a guard whose types leak past its instance, fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../../..');

describe('Elysia plugin types', () => {
  it('type-check: agentUser and agentToken are typed where guarded, absent elsewhere', () => {
    const tsc = spawnSync(
      process.execPath,
      [
        resolve(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        'projects/agent-service-auth/test-elysia',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
