// ng-packagr writes `tslib` into every package's dependencies, whether or not the built code
// imports it; a dependency nothing imports is only an extra install for every user. This runs
// after `ng build agent-auth` and drops each dependency that no built entry point imports.
// Usage: node scripts/prune-package-deps.mjs [dist/agent-auth]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The packages a built module imports (bare specifiers, reduced to the package name). */
export function importedPackages(code) {
  const specifiers = [
    ...code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]);
  return new Set(
    specifiers
      .filter((s) => !s.startsWith('.'))
      .map((s) =>
        s
          .split('/')
          .slice(0, s.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
  );
}

/** The JavaScript files the package's `exports` point at. */
export function entryFiles(manifest) {
  return Object.values(manifest.exports ?? {})
    .map((entry) => entry.default)
    .filter((file) => typeof file === 'string' && file.endsWith('.mjs'));
}

/** Every package the built entry points of the package in `dir` import. */
export function packageImports(dir, manifest) {
  return new Set(
    entryFiles(manifest).flatMap((file) => [
      ...importedPackages(readFileSync(join(dir, file), 'utf8')),
    ]),
  );
}

function prune(dir) {
  const path = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const imported = packageImports(dir, manifest);
  const dropped = Object.keys(manifest.dependencies ?? {}).filter((name) => !imported.has(name));
  for (const name of dropped) delete manifest.dependencies[name];
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  if (dropped.length)
    console.log(`prune-package-deps: dropped ${dropped.join(', ')} (not imported)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  prune(process.argv[2] ?? 'dist/agent-auth');
