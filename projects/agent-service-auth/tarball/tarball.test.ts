// The server package as npm would publish it: `npm run pack:server` builds and packs
// dist/agent-service-auth, and these checks read the tarball, then install it with npm into an
// empty app (jose from the registry, no optional peer) and import each entry point there, on
// Node and on Bun, as Texera's agent-service would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

import { findBun } from '../../../scripts/bun.mjs';
import { importedPackages } from '../../../scripts/prune-package-deps.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE_MANIFEST = JSON.parse(
  readFileSync(join(ROOT, 'projects/agent-service-auth/package.json'), 'utf8'),
) as { version: string };
const TARBALL = join(ROOT, 'dist', `texera-agent-service-auth-${SOURCE_MANIFEST.version}.tgz`);
const ENTRIES = ['.', './elysia', './testing'];

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  exports: Record<string, { types?: string; default?: string } | string>;
}

function run(cmd: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

let app: string;
let installed: string;
const manifest = () =>
  JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Manifest;

before(() => {
  run('npm', ['run', 'pack:server']);
  app = mkdtempSync(join(tmpdir(), 'agent-service-auth-app-'));
  writeFileSync(
    join(app, 'package.json'),
    '{ "name": "app", "private": true, "type": "module" }\n',
  );
  // --prefer-offline: jose comes from npm's cache when it is there (npm ci put it there).
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', TARBALL], app);
  installed = join(app, 'node_modules/@texera/agent-service-auth');
});

after(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

/** Runs an ES module in the app folder, with no secret in its environment. */
function runInApp(runtime: string, code: string): string {
  writeFileSync(join(app, 'check.mjs'), code);
  return run(runtime, ['check.mjs'], app, { PATH: process.env['PATH'] });
}

describe('the packed tarball', () => {
  it('publint finds no error (every message is printed)', async () => {
    const tarball = readFileSync(TARBALL);
    const { messages, pkg } = await publint({
      pack: {
        tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length),
      },
      level: 'suggestion',
    });
    for (const message of messages) {
      console.log(`publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
    }
    assert.equal(messages.filter((m) => m.type === 'error').length, 0);
  });

  it('holds LICENSE, README, package.json and each entry with its types; no tests or sources', () => {
    const files = run('tar', ['tzf', TARBALL]).trim().split('\n');
    for (const file of ['LICENSE', 'README.md', 'package.json'])
      assert.ok(files.includes(`package/${file}`), file);
    for (const entry of ['index', 'elysia', 'testing'])
      for (const ext of ['.js', '.d.ts'])
        assert.ok(files.includes(`package/${entry}${ext}`), entry + ext);
    assert.deepEqual(
      files.filter((f) => !/^package\/[\w-]+\.(js|d\.ts)$/.test(f)).sort(),
      ['package/LICENSE', 'package/README.md', 'package/package.json'],
      'nothing but the build, LICENSE, README and package.json',
    );
    assert.deepEqual(Object.keys(manifest().exports), [...ENTRIES, './package.json']);
    assert.equal(manifest().scripts, undefined);
  });

  it('LICENSE is the Apache License 2.0; the README has the install line and LICENSE-binary lines', () => {
    const license = readFileSync(join(installed, 'LICENSE'), 'utf8');
    assert.match(license, /^\s*Apache License\s+Version 2\.0, January 2004/);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    for (const part of [
      'npm install @texera/agent-service-auth',
      '@texera/agent-service-auth/testing',
      'LICENSE-binary',
      `@texera/agent-service-auth@${SOURCE_MANIFEST.version}`,
      'AUTH_JWT_SECRET',
    ])
      assert.ok(readme.includes(part), part);
  });

  it('depends on jose alone; elysia and the HOCON parser are optional peers, and npm installed neither', () => {
    const { dependencies, peerDependencies = {}, peerDependenciesMeta = {} } = manifest();
    assert.deepEqual(Object.keys(dependencies ?? {}), ['jose']);
    assert.deepEqual(Object.keys(peerDependencies).sort(), ['@pushcorn/hocon-parser', 'elysia']);
    for (const peer of Object.keys(peerDependencies))
      assert.equal(peerDependenciesMeta[peer]?.optional, true, peer);
    const inApp = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(inApp.sort(), ['@texera', 'jose'], 'all npm installed into the app');
  });

  it("the built code imports no package beyond jose: the Elysia plugin works through the app's own Elysia", () => {
    const imported = new Set<string>();
    for (const file of readdirSync(installed).filter((f) => f.endsWith('.js')))
      for (const name of importedPackages(readFileSync(join(installed, file), 'utf8')))
        if (!name.startsWith('node:')) imported.add(name);
    assert.deepEqual([...imported].sort(), ['jose']);
    // The optional peer, imported by name at run time, only when auth.conf is read.
    assert.match(readFileSync(join(installed, 'secret.js'), 'utf8'), /'@pushcorn\/hocon-parser'/);
  });
});

/** Each entry imported by name, a token minted by ./testing verified with no secret configured. */
const CONSUMER = `
import { writeFileSync } from 'node:fs';
const core = await import('@texera/agent-service-auth');
const testing = await import('@texera/agent-service-auth/testing');
const verifier = core.createAgentTokenVerifier(core.loadJwtSecret); // no secret yet: must not throw
const user = await verifier.verify(testing.testToken({ role: 'ADMIN', userId: 7 }));
writeFileSync('auth.conf', 'auth.jwt.256-bit-secret = "Conf-Secret-0123456789abcdefABCD"\\n');
const conf = await core
  .loadJwtSecret({ env: {}, authConfPath: 'auth.conf' })
  .then(() => 'read', (error) => [error.name, error.code]);
let elysia;
try {
  elysia = Object.keys(await import('@texera/agent-service-auth/elysia')).sort();
} catch (error) {
  elysia = String(error.code ?? error.name);
}
console.log(JSON.stringify({
  core: Object.keys(core).sort(),
  testing: Object.keys(testing).sort(),
  user: [user.uid, user.role],
  conf,
  elysia,
}));
`;

const runtimes: [string, () => string][] = [
  ['Node', () => process.execPath],
  [
    'Bun',
    () => {
      const bun = findBun();
      if (bun instanceof Error) throw bun;
      return bun.path;
    },
  ],
];

describe('installed in an app, on Node and on Bun', () => {
  it('every entry imports; without the optional peers, auth.conf is a typed JwtSecretError', () => {
    for (const [name, binary] of runtimes) {
      const out = JSON.parse(runInApp(binary(), CONSUMER));
      assert.deepEqual(out.testing, ['testSecret', 'testToken'], name);
      assert.ok(out.core.includes('createAgentTokenVerifier'), name);
      assert.deepEqual(out.user, [7, 'ADMIN'], name);
      assert.deepEqual(out.conf, ['JwtSecretError', 'parser'], name);
      // Types only: the plugin adds its hooks through the app's Elysia, so it loads without one.
      assert.ok(Array.isArray(out.elysia) && out.elysia.includes('agentAuth'), `${name}: ./elysia`);
    }
  });

  it('under `bun test` (Texera CI), importing every entry needs neither optional peer', () => {
    // Bun resolves a dynamic import of a literal specifier when it loads the module: the HOCON
    // parser's import must not be one, or a spec importing the service fails without the peer.
    writeFileSync(
      join(app, 'imports.test.ts'),
      [
        "import { expect, test } from 'bun:test';",
        "import * as core from '@texera/agent-service-auth';",
        "import { testToken } from '@texera/agent-service-auth/testing';",
        "test('imports', async () => {",
        '  const verifier = core.createAgentTokenVerifier(core.loadJwtSecret);',
        "  expect((await verifier.verify(testToken())).name).toBe('tester');",
        '});',
        '',
      ].join('\n'),
    );
    const [, bun] = runtimes[1];
    const result = spawnSync(bun(), ['test', 'imports.test.ts'], {
      cwd: app,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] },
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  it('with the peers installed, auth.conf is read and ./elysia loads', () => {
    mkdirSync(join(app, 'node_modules/@pushcorn'), { recursive: true });
    for (const peer of ['elysia', '@pushcorn/hocon-parser'])
      symlinkSync(join(ROOT, 'node_modules', peer), join(app, 'node_modules', peer), 'dir');
    for (const [name, binary] of runtimes) {
      const out = JSON.parse(runInApp(binary(), CONSUMER));
      assert.equal(out.conf, 'read', name);
      assert.ok(Array.isArray(out.elysia) && out.elysia.includes('agentAuth'), name);
    }
  });
});
