// The last step of `npm run build:lib`: the ng-add schematic into the built package
// (dist/agent-auth/schematics, or the folder given). The package is "type": "module" and the
// CLI loads a schematic with require(), so the schematic ships as one CommonJS bundle
// (index.cjs, as @angular/core ships its own), type-checked first, with the CLI's packages
// (@angular-devkit/*, @schematics/angular) left to the app's install.
// Usage: node scripts/build-schematics.mjs [outDir]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'projects/agent-auth/schematics');
const out = process.argv[2] ?? join(root, 'dist/agent-auth/schematics');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

execFileSync(process.execPath, [tsc, '-p', join(source, 'tsconfig.json'), '--noEmit'], {
  stdio: 'inherit',
});
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'ng-add'), { recursive: true });
await build({
  entryPoints: [join(source, 'ng-add/index.ts')],
  outfile: join(out, 'ng-add/index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@angular-devkit/*', '@schematics/angular', '@schematics/angular/*'],
  logLevel: 'warning',
});
cpSync(join(source, 'ng-add/schema.json'), join(out, 'ng-add/schema.json'));
// The sources' collection names `./ng-add/index` (run from TypeScript by the unit tests).
const collection = JSON.parse(readFileSync(join(source, 'collection.json'), 'utf8'));
for (const schematic of Object.values(collection.schematics)) {
  schematic.factory = schematic.factory.replace('./ng-add/index#', './ng-add/index.cjs#');
}
delete collection.$schema;
writeFileSync(join(out, 'collection.json'), JSON.stringify(collection, null, 2) + '\n');
console.log(`build-schematics: ng-add -> ${out.startsWith(root) ? out.slice(root.length) : out}`);
