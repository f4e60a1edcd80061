import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { treeChanges, treeStatus } from '../tree-check.mjs';

test('a run that writes a tracked or an untracked file is seen, one that writes nothing is not', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tree-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  writeFileSync(join(dir, '.gitignore'), 'test-results/\n');
  writeFileSync(join(dir, 'demo.png'), 'v1');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');

  const before = treeStatus(dir);
  assert.deepEqual(before, []);
  writeFileSync(join(dir, '.gitignore'), 'test-results/\n');
  assert.deepEqual(treeChanges(before!, treeStatus(dir)!), []);

  writeFileSync(join(dir, 'demo.png'), 'v2');
  writeFileSync(join(dir, 'new.txt'), 'x');
  assert.deepEqual(treeChanges(before!, treeStatus(dir)!), ['+  M demo.png', '+ ?? new.txt']);
});

test('a change present before the run and gone after it counts too', () => {
  assert.deepEqual(treeChanges([' M a.ts'], []), ['-  M a.ts']);
  assert.deepEqual(treeChanges([' M a.ts'], [' M a.ts']), []);
});

test('outside a git checkout there is no status to compare', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'no-git-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(treeStatus(dir), null);
});
