// Finds the system programs the suites need (Chromium, nginx) and, when running as root on
// Debian/Ubuntu, installs the missing ones with apt-get. Otherwise: one line saying what to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
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

const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/etc/debian_version');
let aptUpdated = false;

/** Returns the tool's path, installing it first when we may; exits with one line when we may not. */
export function ensureTool(name) {
  const tool = TOOLS[name];
  const found = tool.find();
  if (found) return found;
  if (isRoot && isDebian) {
    console.log(
      `agent-auth: ${name} not found; installing Debian's '${tool.pkg}' with apt-get (running as root).`,
    );
    const quiet = {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    };
    if (!aptUpdated) aptUpdated = spawnSync('apt-get', ['update', '-qq'], quiet).status === 0;
    spawnSync('apt-get', ['install', '-y', '-qq', tool.pkg], quiet);
    const installed = tool.find();
    if (installed) return installed;
  }
  console.error(
    `agent-auth: ${name} is required; install it with: sudo apt-get install -y ${tool.pkg} (${tool.hint}).`,
  );
  process.exit(1);
}
