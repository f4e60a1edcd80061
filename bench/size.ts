import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

import { type Section, goal } from './lib/report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

export const OUR_FESM = join(
  ROOT,
  'node_modules/@texera/agent-auth/fesm2022/texera-agent-auth.mjs',
);
// What Angular's builder resolves for the package ("default" export condition: fesm2020).
export const ANGULAR_JWT_FESM = join(
  dirname(require.resolve('@auth0/angular-jwt/package.json')),
  'fesm2020/auth0-angular-jwt.mjs',
);

export interface SizeResult {
  name: string;
  file: string;
  minified: number;
  gzipped: number;
}

/** `npm run pack:lib` (build, pack, unpack as installed), quietly; output only on failure. */
export function buildLibrary(): void {
  const result = spawnSync('npm', ['run', 'pack:lib'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run pack:lib failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * The FESM as an app's build would ship it: minified, Angular and rxjs left to the app (both
 * libraries use them), everything else bundled in. That counts jwt-decode for us, since
 * angular-jwt carries its own decoder inline, and tslib for either if it used it.
 */
export async function measure(name: string, file: string): Promise<SizeResult> {
  const out = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    external: ['@angular/*', 'rxjs', 'rxjs/*'],
    logLevel: 'error',
  });
  const code = out.outputFiles[0].contents;
  return {
    name,
    file: file.slice(ROOT.length),
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
  };
}

/** Measures dist/agent-auth as it is: run.ts builds it first. */
export async function sizeSection(): Promise<Section> {
  const ours = await measure('ours (@texera/agent-auth)', OUR_FESM);
  const jwt = await measure('@auth0/angular-jwt', ANGULAR_JWT_FESM);
  const rows = [ours, jwt].map((r) => ({ ...r, vsJwt: r.gzipped / jwt.gzipped }));
  return {
    title: '2. Bundle size',
    method:
      'bytes of each FESM after `npm run pack:lib` (the installed package), bundled and minified by esbuild with the ' +
      'same settings (`@angular/*` and `rxjs` external, `jwt-decode` and `tslib` bundled), gzip -9.',
    columns: [
      { key: 'name', label: 'library', text: true },
      { key: 'file', label: 'FESM', text: true },
      { key: 'minified', label: 'minified B' },
      { key: 'gzipped', label: 'gzip B' },
      { key: 'vsJwt', label: 'gzip vs angular-jwt', ratio: true },
    ],
    rows,
    goals: [
      goal('ours no larger than angular-jwt (gzip)', ours.gzipped / jwt.gzipped, (v) => v <= 1),
    ],
  };
}
