// `npm test`: every suite the repo has, in order, each a real process. Fails on any failure
// and on any skipped or focused test, since a skipped test must never be counted as passing.
import { spawn } from 'node:child_process';
import { findBun } from './bun.mjs';
import { skippedCount } from './skipped-tests.mjs';
import { ensureTool } from './system-deps.mjs';

const npx = (...args) => ['npx', ...args];

/** needs: system programs installed (or named) before anything runs. */
const SUITES = [
  {
    name: 'library (Karma, Chromium)',
    cmd: npx('ng', 'test', 'agent-auth', '--watch=false'),
    needs: ['chromium'],
  },
  {
    name: 'package (npm pack + publint)',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-auth/tarball'],
  },
  {
    // Unit tests on @schematics/angular workspaces, then `ng add` from the packed tarball in apps
    // made by `ng new`: their Vitest specs and production builds.
    name: 'ng add schematic (unit, then fresh apps from ng new)',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-auth/schematics/test'],
  },
  {
    name: 'package: server (npm pack + publint, installed on Node and Bun)',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/tarball'],
    needs: ['bun'],
  },
  {
    name: 'demo unit tests (Vitest, on the built package)',
    cmd: ['npm', 'run', 'test:demo'],
  },
  {
    name: 'scripts (skip detection)',
    cmd: ['node', 'scripts/node-test.mjs', 'scripts/test'],
  },
  {
    name: 'server (agent-service-auth)',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/test'],
  },
  {
    // Texera's agent-service runs on Bun: the plugin is served by a Bun child process.
    name: 'elysia plugin on Bun',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/test-elysia'],
    env: { ELYSIA_RUNTIMES: 'bun' },
    needs: ['bun'],
  },
  {
    name: 'elysia plugin on Node (@elysiajs/node)',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/test-elysia'],
    env: { ELYSIA_RUNTIMES: 'node' },
  },
  {
    name: 'gateway (Envoy ext_authz)',
    cmd: ['node', 'scripts/node-test.mjs', 'e2e/gateway/test'],
    needs: ['bun'],
  },
  {
    name: 'deploy (k8s schema + real nginx)',
    cmd: ['node', 'scripts/node-test.mjs', 'deploy/k8s/test', 'deploy/nginx/test'],
    needs: ['nginx', 'bun'],
  },
  {
    name: 'e2e (Playwright: through the gateway, then through real nginx)',
    cmd: ['npm', 'run', 'e2e'],
    needs: ['chromium', 'nginx', 'bun'],
  },
  {
    name: 'bench smoke',
    cmd: npx('tsx', 'bench/run.ts', '--smoke'),
    needs: ['chromium', 'bun'],
  },
];

function run(suite) {
  return new Promise((resolve) => {
    const [cmd, ...args] = suite.cmd;
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...suite.env },
    });
    let output = '';
    const relay = (stream, out) =>
      stream.on('data', (chunk) => {
        output += chunk;
        out.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      const skipped = skippedCount(output);
      if (code === 0 && skipped > 0)
        console.error(`\n${suite.name}: ${skipped} skipped test(s); skipped tests fail the run.`);
      resolve(code === 0 && skipped === 0);
    });
  });
}

const only = process.argv.slice(2);
const selected = only.length ? SUITES.filter((s) => only.some((o) => s.name.includes(o))) : SUITES;
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
  else ensureTool(tool);

let passed = 0;
let failed = 0;
const started = Date.now();
for (const suite of selected) {
  console.log(`\n=== ${suite.name}`);
  if (await run(suite)) passed++;
  else {
    failed++;
    console.error(`=== ${suite.name}: FAILED`);
  }
}
console.log(
  `\nagent-auth: ${selected.length} suites in ${Math.round((Date.now() - started) / 1000)} s`,
);
console.log(`suites: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
