// The list edits keep the file's own layout, comments included.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as ts from '@schematics/angular/third_party/github.com/Microsoft/TypeScript/lib/typescript';
import { applyToUpdateRecorder } from '@schematics/angular/utility/change';
import { HostTree } from '@angular-devkit/schematics';

import { routePaths, signInRoute } from '../ng-add/login-route';
import { addImports, appendToList, insertBefore } from '../ng-add/ts-edits';

function edit(
  text: string,
  change: (
    source: ts.SourceFile,
    list: ts.ArrayLiteralExpression,
  ) => ReturnType<typeof appendToList>,
): string {
  const tree = new HostTree();
  tree.create('/f.ts', text);
  const source = ts.createSourceFile('/f.ts', text, ts.ScriptTarget.Latest, true);
  let list: ts.ArrayLiteralExpression | undefined;
  source.forEachChild(function find(n): void {
    if (!list && ts.isArrayLiteralExpression(n)) list = n;
    else n.forEachChild(find);
  });
  const recorder = tree.beginUpdate('/f.ts');
  applyToUpdateRecorder(recorder, change(source, list!));
  tree.commitUpdate(recorder);
  return tree.readText('/f.ts');
}

const append = (text: string) => edit(text, (s, l) => appendToList(s, l.elements, 'x'));

test('appendToList: empty, one line, one per line, trailing comma, line comment', () => {
  assert.equal(append('const a = [];'), 'const a = [x];');
  assert.equal(append('const a = [b, c];'), 'const a = [b, c, x];');
  assert.equal(append('const a = [\n  b,\n  c\n];'), 'const a = [\n  b,\n  c,\n  x\n];');
  assert.equal(
    append('const a = [\n    b,\n    c,\n];'),
    'const a = [\n    b,\n    c,\n    x,\n];',
  );
  assert.equal(append('const a = [\n  b, // why b\n];'), 'const a = [\n  b, // why b\n  x,\n];');
  assert.equal(append('const a = [\n  b // why b\n];'), 'const a = [\n  b, // why b\n  x\n];');
});

test('insertBefore: on one line and one per line', () => {
  const before = (text: string) =>
    edit(text, (s, l) => [insertBefore(s, l.elements, l.elements[1], 'x')]);
  assert.equal(before('const a = [b, c];'), 'const a = [b, x, c];');
  assert.equal(before('const a = [\n  b,\n  c,\n];'), 'const a = [\n  b,\n  x,\n  c,\n];');
});

test('addImports: joins an existing import, else adds one after the last, never twice', () => {
  const add = (text: string, names: string[]) => edit(text, (s) => addImports(s, 'm', names));
  assert.equal(
    add("import { a } from 'm';\nconst z = [];", ['b', 'c']),
    "import { a, b, c } from 'm';\nconst z = [];",
  );
  assert.equal(
    add("import { a } from 'n';\nconst z = [];", ['b']),
    "import { a } from 'n';\nimport { b } from 'm';\nconst z = [];",
  );
  assert.equal(
    add("import { b } from 'm';\nconst z = [];", ['b']),
    "import { b } from 'm';\nconst z = [];",
  );
});

test('signInRoute: named like a sign-in page, shortest first; never a guess like about', () => {
  const parse = (text: string) =>
    routePaths(ts.createSourceFile('r.ts', text, ts.ScriptTarget.Latest, true));
  assert.deepEqual(parse("[{ path: 'a', children: [{ path: 'login' }] }, { path: '' }]"), [
    'a',
    'a/login',
    '',
  ]);
  assert.equal(signInRoute(['about', 'user/login', 'login']), '/login');
  assert.equal(signInRoute(['signin', 'x/log-in']), '/signin');
  assert.equal(signInRoute(['about', 'dashboard', '**']), undefined);
  assert.equal(signInRoute([':tenant/login']), undefined);
  assert.equal(signInRoute(['Login']), '/Login');
});
