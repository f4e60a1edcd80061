import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  aptErrorLine,
  isLockWait,
  LOCK_TIMEOUT_SECONDS,
  missingToolLine,
  missingToolPlan,
} from '../system-deps.mjs';

test('a missing tool is installed with apt-get only as root on Debian', () => {
  assert.equal(missingToolPlan({ isRoot: true, isDebian: true }), 'apt-get');
  assert.equal(missingToolPlan({ isRoot: false, isDebian: true }), 'explain');
  assert.equal(missingToolPlan({ isRoot: true, isDebian: false }), 'explain');
});

test('apt-get waiting for the dpkg lock is told apart from apt-get giving up', () => {
  const waiting =
    'Waiting for cache lock: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)... 5s';
  assert.equal(isLockWait(waiting), true);
  const gaveUp = `${waiting}\nE: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)\n`;
  assert.equal(isLockWait(gaveUp), false);
  assert.equal(isLockWait('Reading package lists...'), false);
  assert.equal(
    aptErrorLine(gaveUp),
    'Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)',
  );
  assert.equal(aptErrorLine('W: a warning only\n'), null);
  assert.ok(LOCK_TIMEOUT_SECONDS >= 300);
});

test('when nothing can be installed, one line says what to run, and why apt-get failed', () => {
  const plain = missingToolLine('nginx');
  assert.equal(
    plain,
    'agent-auth: nginx is required; install it with: sudo apt-get install -y nginx (or set NGINX_BIN).',
  );
  const failed = missingToolLine('chromium', 'Unable to locate package chromium');
  assert.equal(failed.split('\n').length, 1);
  assert.match(failed, /sudo apt-get install -y chromium \(or set CHROME_BIN\)/);
  assert.match(failed, /apt-get could not install it: Unable to locate package chromium/);
});
