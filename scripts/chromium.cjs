'use strict';
// The one place that knows how to find and start the machine's Chromium, shared by
// Karma, Playwright, the bench and the test runner so the flags cannot drift apart.
const fs = require('node:fs');
const path = require('node:path');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** Absolute path of a Chromium binary, or null when none is installed. */
function chromiumPath() {
  const fromEnv = process.env.CHROME_BIN;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  for (const file of CANDIDATES) if (fs.existsSync(file)) return file;
  return onPath('chromium') || onPath('chromium-browser');
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Without the background-networking flags Chromium keeps dialling Google hosts,
// which this closed network refuses; as root it refuses to start without --no-sandbox.
const chromiumArgs = [
  ...(isRoot || process.env.CI ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

module.exports = { chromiumPath, chromiumArgs };
