import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * One ES module holding the cases, Angular, rxjs and both interceptors, built as an app's
 * production build would be (minified, `ngDevMode` off). Node imports it; Chromium loads it.
 */
export async function bundleInterceptorBench(): Promise<string> {
  const debug = Boolean(process.env['BENCH_DEBUG']);
  const outfile = join(await mkdtemp(join(tmpdir(), 'agent-auth-bench-')), 'interceptor-bench.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench/interceptor/cases.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // BENCH_DEBUG=1: readable code and Angular's full error messages, for a case that fails.
    minify: !debug,
    define: debug ? {} : { ngDevMode: 'false' },
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  });
  return outfile;
}
