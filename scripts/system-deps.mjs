// Finds the system programs the suites need (Chromium, nginx) and, when running as root on
// Debian/Ubuntu, installs the missing ones with apt-get. Otherwise: one line saying what to run.
// apt-get waits for the dpkg lock (another apt-get, unattended-upgrades) instead of giving up.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromiumPath } = require('./chromium.cjs');

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

export function nginxPath() {
  if (process.env.NGINX_BIN && existsSync(process.env.NGINX_BIN)) return process.env.NGINX_BIN;
  return NGINX_CANDIDATES.find((file) => existsSync(file)) ?? null;
}

const TOOLS = {
  chromium: { find: chromiumPath, pkg: 'chromium', hint: 'or set CHROME_BIN' },
  nginx: { find: nginxPath, pkg: 'nginx', hint: 'or set NGINX_BIN' },
};

/** How long apt-get waits for the dpkg lock another apt-get holds before it gives up. */
export const LOCK_TIMEOUT_SECONDS = 300;
const APT_LOCK = ['-o', `DPkg::Lock::Timeout=${LOCK_TIMEOUT_SECONDS}`];

/** For a missing tool: install it with apt-get, or explain in one line what to run. */
export function missingToolPlan({ isRoot, isDebian }) {
  return isRoot && isDebian ? 'apt-get' : 'explain';
}

/** The one line when the tool is missing and was not (or could not be) installed. */
export function missingToolLine(name, aptError = null) {
  const { pkg, hint } = TOOLS[name];
  const why = aptError ? ` (apt-get could not install it: ${aptError})` : '';
  return `agent-auth: ${name} is required; install it with: sudo apt-get install -y ${pkg} (${hint})${why}.`;
}

/** apt-get's "Waiting for cache lock: Could not get lock ..." while another holds the lock. */
export function isLockWait(stderrText) {
  return /Waiting for cache lock|Could not get lock/.test(stderrText) && !/^E: /m.test(stderrText);
}

/** The first `E:` line apt-get printed: why it failed, in its own words. */
export function aptErrorLine(stderrText) {
  return /^E: (.*)$/m.exec(stderrText)?.[1]?.trim() ?? null;
}

/** Runs apt-get quietly; says once when it waits for the lock; resolves with its E: line or null. */
function aptGet(args, say) {
  return new Promise((done) => {
    let stderr = '';
    let toldWaiting = false;
    const child = spawn('apt-get', [...APT_LOCK, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!toldWaiting && isLockWait(stderr)) {
        toldWaiting = true;
        say(
          `agent-auth: another apt-get holds the dpkg lock; waiting for it (up to ${LOCK_TIMEOUT_SECONDS} s).`,
        );
      }
    });
    child.on('error', (error) => done(error.message));
    child.on('close', (code) => done(code === 0 ? null : (aptErrorLine(stderr) ?? `exit ${code}`)));
  });
}

const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/etc/debian_version');
let aptUpdated = false;

/** Resolves with the tool's path, installing it first when we may; exits with one line when not. */
export async function ensureTool(name) {
  const tool = TOOLS[name];
  const found = tool.find();
  if (found) return found;
  let aptError = null;
  if (missingToolPlan({ isRoot, isDebian }) === 'apt-get') {
    console.log(
      `agent-auth: ${name} not found; installing Debian's '${tool.pkg}' with apt-get (running as root).`,
    );
    const say = (line) => console.log(line);
    if (!aptUpdated) aptUpdated = (await aptGet(['update', '-qq'], say)) === null;
    aptError = await aptGet(['install', '-y', '-qq', tool.pkg], say);
    const installed = tool.find();
    if (installed) return installed;
  }
  console.error(missingToolLine(name, aptError));
  process.exit(1);
}
