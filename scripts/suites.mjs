// Every suite `npm test` runs, in order, each a real process. `log` names its full log,
// test-results/<log>.log; `needs` are system programs installed (or named) before anything runs.
const npx = (...args) => ['npx', ...args];

export const SUITES = [
  {
    name: 'library (Karma, Chromium)',
    log: 'library',
    cmd: npx('ng', 'test', 'agent-auth', '--watch=false'),
    needs: ['chromium'],
  },
  {
    name: 'package (npm pack + publint)',
    log: 'package',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-auth/tarball'],
  },
  {
    name: 'package: server (npm pack + publint, installed on Node and Bun)',
    log: 'package-server',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/tarball'],
    needs: ['bun'],
  },
  {
    // Each entry point as built, against projects/<package>/api/*.api.md; and the close codes
    // the library and the server share.
    name: 'public API reports and cross-package contracts',
    log: 'api',
    cmd: ['node', 'scripts/node-test.mjs', 'tools/api-report', 'tools/contract'],
  },
  {
    // Unit tests on @schematics/angular workspaces, then `ng add` from the packed tarball in apps
    // made by `ng new`: their Vitest specs and production builds.
    name: 'ng add schematic (unit, then fresh apps from ng new)',
    log: 'ng-add',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-auth/schematics/test'],
  },
  {
    name: 'demo unit tests (Vitest, on the built package)',
    log: 'demo',
    cmd: ['npm', 'run', 'test:demo'],
  },
  {
    name: 'scripts (test runner, skip detection, system packages)',
    log: 'scripts',
    cmd: ['node', 'scripts/node-test.mjs', 'scripts/test'],
  },
  {
    name: 'server (agent-service-auth)',
    log: 'server',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/test'],
  },
  {
    // Texera's agent-service runs on Bun: the plugin is served by a Bun child process.
    name: 'elysia plugin on Bun',
    log: 'elysia-bun',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/test-elysia'],
    env: { ELYSIA_RUNTIMES: 'bun' },
    needs: ['bun'],
  },
  {
    name: 'elysia plugin on Node (@elysiajs/node)',
    log: 'elysia-node',
    cmd: ['node', 'scripts/node-test.mjs', 'projects/agent-service-auth/test-elysia'],
    env: { ELYSIA_RUNTIMES: 'node' },
  },
  {
    name: 'gateway (Envoy ext_authz)',
    log: 'gateway',
    cmd: ['node', 'scripts/node-test.mjs', 'e2e/gateway/test'],
    needs: ['bun'],
  },
  {
    name: 'deploy (k8s schema + real nginx)',
    log: 'deploy',
    cmd: ['node', 'scripts/node-test.mjs', 'deploy/k8s/test', 'deploy/nginx/test'],
    needs: ['nginx', 'bun'],
  },
  {
    name: 'e2e (Playwright: through the gateway, then through real nginx)',
    log: 'e2e',
    cmd: ['npm', 'run', 'e2e'],
    needs: ['chromium', 'nginx', 'bun'],
  },
  {
    name: 'bench smoke',
    log: 'bench',
    cmd: npx('tsx', 'bench/run.ts', '--smoke'),
    needs: ['chromium', 'bun'],
  },
];

/** The suites whose name contains one of `parts` (all of them for none). */
export function selectSuites(parts) {
  return parts.length ? SUITES.filter((s) => parts.some((p) => s.name.includes(p))) : SUITES;
}
