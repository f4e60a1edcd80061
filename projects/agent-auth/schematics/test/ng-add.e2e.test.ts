// `ng add @texera/agent-auth` as a user runs it: the packed tarball installed where npm puts it,
// apps made by this workspace's own `ng new` (@angular/cli + @schematics/angular), then each
// app's production build and a Vitest spec (`ng test`) that sees the Bearer on the agent calls,
// and a second ng add that changes nothing. No network: the apps use this workspace's
// node_modules, where `npm run pack:lib` unpacked the tarball, so ng add finds the package
// installed and runs its schematic, as it does after installing it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { TEXERA_FILES, TEXERA_MODULE } from './texera-fixture';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const { version } = JSON.parse(
  readFileSync(join(ROOT, 'projects/agent-auth/package.json'), 'utf8'),
) as { version: string };
const PACKAGE = `@texera/agent-auth@${version}`;

let dir = '';

function run(cmd: string, args: string[], cwd: string): string {
  const started = Date.now();
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', CI: '1' },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const shown = args
    .filter((a) => !a.startsWith('--preserve'))
    .slice(1)
    .join(' ');
  console.log(`${shown}: ${Math.round((Date.now() - started) / 100) / 10} s`);
  if (result.status !== 0) throw new Error(`${shown} failed in ${cwd}:\n${output}`);
  return output;
}

/** The workspace's CLI, run from the temp folder's node_modules (a link to this workspace's). */
const ng = (cwd: string, ...args: string[]) =>
  run(process.execPath, [join(dir, 'node_modules/@angular/cli/bin/ng.js'), ...args], cwd);

/**
 * `ng new` looks for an enclosing workspace from the CLI's own folder too, which would be this
 * repository; with symlinks preserved, that folder is the temp one, outside any workspace.
 */
function ngNew(name: string, standalone: boolean): string {
  run(
    process.execPath,
    [
      '--preserve-symlinks',
      '--preserve-symlinks-main',
      join(dir, 'node_modules/@angular/cli/bin/ng.js'),
      'new',
      name,
      `--standalone=${standalone}`,
      '--routing',
      '--style=css',
      '--ssr=false',
      '--ai-config=none',
      '--skip-install',
      '--skip-git',
      '--interactive=false',
      '--defaults',
    ],
    dir,
  );
  return join(dir, name);
}

/** The app's sources and configs, to compare two runs of ng add. */
function snapshot(app: string): Map<string, string> {
  const files = ['angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json'];
  for (const name of readdirSync(join(app, 'src'), { recursive: true }) as string[]) {
    if (name.endsWith('.ts') || name.endsWith('.html')) files.push(join('src', name));
  }
  return new Map(files.map((f) => [f, readFileSync(join(app, f), 'utf8')]));
}

/** ng add, then a second ng add that must change nothing. Returns what the first printed. */
function ngAddTwice(app: string, ...options: string[]): string {
  const first = ng(app, 'add', PACKAGE, '--skip-confirmation', ...options);
  assert.match(first, /Skipping installation: Package already installed/);
  assert.match(first, /UPDATED src\/app\//);
  const before = snapshot(app);
  const second = ng(app, 'add', PACKAGE, '--skip-confirmation', ...options);
  assert.match(second, /UNCHANGED src\/app\//);
  assert.deepEqual(snapshot(app), before, 'the second ng add changed files');
  return first;
}

/** A spec that proves the Bearer reaches /api/agents and api/models (relative, as Texera calls it). */
const bearerSpec = (
  setup: string,
  importLine: string,
) => `import { HttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { testToken } from '@texera/agent-auth/testing';
${importLine}

describe('the wiring ng add wrote', () => {
  it('sends the Bearer on /api/agents and api/models', () => {
    const token = testToken({ role: 'REGULAR' });
    localStorage.setItem('access_token', token);
    ${setup}
    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    http.get('/api/agents').subscribe();
    http.get('api/models').subscribe();
    for (const url of ['/api/agents', 'api/models']) {
      expect(backend.expectOne(url).request.headers.get('Authorization')).toBe(\`Bearer \${token}\`);
    }
    backend.verify();
  });
});
`;

/** The app's production build (the default configuration) and its main bundle. */
function productionBuild(app: string, name: string): string {
  ng(app, 'build');
  const browser = join(app, 'dist', name, 'browser');
  const main = readdirSync(browser).find((f) => /^main-.*\.js$/.test(f));
  assert.ok(main, `no main bundle in ${browser}`);
  return readFileSync(join(browser, main), 'utf8');
}

before(() => {
  run('npm', ['run', 'pack:lib'], ROOT);
  dir = mkdtempSync(join(tmpdir(), 'agent-auth-ng-add-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a fresh standalone app: ng add, the Bearer spec passes, production build, second run no-op', () => {
  const app = ngNew('fresh', true);
  ngAddTwice(app);
  writeFileSync(
    join(app, 'src/app/agent-auth.spec.ts'),
    bearerSpec(
      'TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });',
      "\nimport { appConfig } from './app.config';",
    ),
  );
  assert.match(ng(app, 'test', '--watch=false'), /agent-auth\.spec\.ts/);
  assert.match(productionBuild(app, 'fresh'), /access_token/);
});

test('a Texera-shaped NgModule app: forRoot before JwtModule, the Bearer spec passes, it builds, second run no-op', () => {
  const app = ngNew('texera', false);
  writeFileSync(join(app, 'src/app/app-module.ts'), TEXERA_MODULE);
  for (const [file, text] of Object.entries(TEXERA_FILES))
    writeFileSync(join(app, 'src/app', file), text);
  const printed = ngAddTwice(app, '--login-route=/about');
  console.log(printed);
  assert.match(
    readFileSync(join(app, 'src/app/app-module.ts'), 'utf8'),
    /AgentAuthModule\.forRoot\(\{ loginRoute: '\/about' \}\),\n {4}JwtModule\.forRoot/,
  );
  writeFileSync(
    join(app, 'src/app/agent-auth.spec.ts'),
    bearerSpec(
      'TestBed.configureTestingModule({ imports: [AppModule], providers: [provideHttpClientTesting()] });',
      "\nimport { AppModule } from './app-module';",
    ),
  );
  assert.match(ng(app, 'test', '--watch=false'), /agent-auth\.spec\.ts/);
  assert.match(productionBuild(app, 'texera'), /access_token/);
});
