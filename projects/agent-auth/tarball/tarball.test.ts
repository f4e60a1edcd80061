// The package as npm would publish it: `npm run pack:lib` builds and packs dist/agent-auth, and
// these checks read the tarball itself, never the sources, so what they pass is what users get.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

import {
  entryFiles,
  importedPackages,
  packageImports,
} from '../../../scripts/prune-package-deps.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE_MANIFEST = JSON.parse(
  readFileSync(join(ROOT, 'projects/agent-auth/package.json'), 'utf8'),
) as { name: string; version: string };
const TARBALL = join(ROOT, 'dist', `texera-agent-auth-${SOURCE_MANIFEST.version}.tgz`);

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports: Record<string, { types?: string; default?: string }>;
}

// `pack:lib` unpacks the tarball where `npm install` would put it; the apps import it from there.
const INSTALLED = join(ROOT, 'node_modules', '@texera', 'agent-auth');
const read = (path: string) => readFileSync(join(INSTALLED, path), 'utf8');
const manifest = () => JSON.parse(read('package.json')) as Manifest;

function run(cmd: string, args: string[]): string {
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

before(() => run('npm', ['run', 'pack:lib']));

test('publint finds no error in the tarball (every message is printed)', async () => {
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
  const count = (type: string) => messages.filter((m) => m.type === type).length;
  console.log(
    `publint: ${count('error')} errors, ${count('warning')} warnings, ${count('suggestion')} suggestions`,
  );
  assert.equal(count('error'), 0);
});

test('the tarball holds the three entry points with their types, the ng-add schematic, LICENSE and README, nothing else', () => {
  const files = run('tar', ['tzf', TARBALL]).trim().split('\n').sort();
  assert.deepEqual(files, [
    'package/LICENSE',
    'package/README.md',
    'package/fesm2022/texera-agent-auth-rxjs.mjs',
    'package/fesm2022/texera-agent-auth-rxjs.mjs.map',
    'package/fesm2022/texera-agent-auth-testing.mjs',
    'package/fesm2022/texera-agent-auth-testing.mjs.map',
    'package/fesm2022/texera-agent-auth.mjs',
    'package/fesm2022/texera-agent-auth.mjs.map',
    'package/package.json',
    'package/schematics/collection.json',
    'package/schematics/ng-add/index.cjs',
    'package/schematics/ng-add/schema.json',
    'package/types/texera-agent-auth-rxjs.d.ts',
    'package/types/texera-agent-auth-testing.d.ts',
    'package/types/texera-agent-auth.d.ts',
  ]);
  const { exports } = manifest();
  assert.deepEqual(Object.keys(exports), ['./package.json', '.', './rxjs', './testing']);
  for (const key of ['.', './rxjs', './testing']) {
    assert.deepEqual(Object.keys(exports[key]), ['types', 'default'], key);
  }
});

test('LICENSE is the Apache License 2.0 in full; the README documents install and the testing entry', () => {
  const license = read('LICENSE');
  assert.match(license, /^\s*Apache License\s+Version 2\.0, January 2004/);
  assert.match(license, /9\. Accepting Warranty or Additional Liability\./);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
  assert.match(license, /APPENDIX: How to apply the Apache License to your work\./);
  const readme = read('README.md');
  for (const part of [
    'ng add @texera/agent-auth',
    'npm install @texera/agent-auth',
    '@texera/agent-auth/testing',
    '@texera/agent-auth/rxjs',
    'Apache-2.0',
  ]) {
    assert.ok(readme.includes(part), part);
  }
});

test('publishable: partial compilation, no prepublishOnly guard or any other script', () => {
  assert.equal(manifest().scripts, undefined);
  // Partial output declares (ɵɵngDeclare*), for the app's linker; full output defines.
  assert.match(read('fesm2022/texera-agent-auth.mjs'), /ɵɵngDeclare(Injectable|Factory|NgModule)/);
  for (const file of entryFiles(manifest())) {
    assert.doesNotMatch(read(file), /ɵɵdefine(Injectable|NgModule|Component)\b/, file);
  }
});

test('dependencies are exactly the packages the built code imports that are not peers', () => {
  const { name, dependencies = {}, peerDependencies = {} } = manifest();
  const imported = packageImports(INSTALLED, manifest());
  imported.delete(name); // the testing and rxjs entries import the main one
  const peers = Object.keys(peerDependencies);
  assert.deepEqual(
    Object.keys(dependencies).sort(),
    [...imported].filter((p) => !peers.includes(p)).sort(),
  );
  assert.deepEqual(
    peers.filter((p) => !imported.has(p)),
    [],
    'a peer nothing imports',
  );
  assert.deepEqual(peerDependencies, {
    '@angular/common': '>=21.0.0 <23.0.0',
    '@angular/core': '>=21.0.0 <23.0.0',
    '@angular/router': '>=21.0.0 <23.0.0',
    rxjs: '^7.8.0',
  });
});

test('the import scan sees every form of import', () => {
  const code = [
    "import { a } from '@scope/pkg/sub';",
    "import * as b from 'plain';",
    'export { c } from "re-exported/deep";',
    "import 'side-effect';",
    "const d = import('lazy');",
    "import { e } from './local';",
  ].join('\n');
  assert.deepEqual([...importedPackages(code)].sort(), [
    '@scope/pkg',
    'lazy',
    'plain',
    're-exported',
    'side-effect',
  ]);
});

test('the testing entry needs no test framework and no JWT library', () => {
  const code = read('fesm2022/texera-agent-auth-testing.mjs');
  assert.deepEqual([...importedPackages(code)].sort(), ['@angular/core', '@texera/agent-auth']);
  assert.doesNotMatch(code, /\b(jasmine|jest|vi)\.\w/);
  assert.doesNotMatch(code, /\bjose\b/);
});

test('only the rxjs entry imports rxjs/webSocket; the core entry has no WebSocketSubject', () => {
  const core = read('fesm2022/texera-agent-auth.mjs');
  assert.doesNotMatch(core, /rxjs\/webSocket|WebSocketSubject/);
  const rxjs = read('fesm2022/texera-agent-auth-rxjs.mjs');
  assert.match(rxjs, /from 'rxjs\/webSocket'/);
});
