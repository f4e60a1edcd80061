// Finds a Bun binary that runs: Texera's agent-service runs on Bun, so the Elysia suites and the
// stack's agent-service stub do too. The `bun` npm package ships the binary in a platform package
// (@oven/bun-linux-x64, ...) and its postinstall moves it to bun/bin/bun.exe; npm may or may not
// have run that script, so both places are tried. BUN_BIN overrides.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function packageDir(name, from = require) {
  try {
    return dirname(from.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** x64 Linux CPUs without AVX2 need Bun's "baseline" build. */
function hasAvx2() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return true;
  try {
    return /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return true;
  }
}

function candidates() {
  // An explicit BUN_BIN is the only candidate: a wrong one must fail, not fall back.
  if (process.env.BUN_BIN) return [process.env.BUN_BIN];
  const list = [];
  const bunDir = packageDir('bun');
  if (bunDir) list.push(join(bunDir, 'bin', 'bun.exe'));
  const from = bunDir ? createRequire(join(bunDir, 'package.json')) : require;
  const platform = `${process.platform}-${process.arch === 'arm64' ? 'aarch64' : process.arch}`;
  const variants = hasAvx2() ? ['', '-baseline'] : ['-baseline'];
  for (const variant of variants) {
    const dir = packageDir(`@oven/bun-${platform}${variant}`, from);
    if (dir) list.push(join(dir, 'bin', 'bun'));
  }
  return list;
}

let found;

/**
 * The path of a Bun binary that answers `--version`, or an Error whose message is one line
 * saying why there is none. Never silently absent: callers fail with that line.
 */
export function findBun() {
  if (found) return found;
  const tried = [];
  for (const file of candidates()) {
    if (!existsSync(file)) {
      tried.push(`${file}: not found`);
      continue;
    }
    const run = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 15_000 });
    if (run.status === 0) return (found = { path: file, version: run.stdout.trim() });
    tried.push(
      `${file}: ${(run.error?.message ?? run.stderr ?? '').split('\n')[0] || `exit ${run.status}`}`,
    );
  }
  const why = tried.length ? tried.join('; ') : 'no Bun binary in node_modules; run npm ci';
  const cpu = hasAvx2() ? '' : '; this CPU has no AVX2 and needs @oven/bun-linux-x64-baseline';
  return new Error(
    `agent-auth: Bun cannot start on this machine (${why}${cpu}); set BUN_BIN to a working bun.`,
  );
}

/** The Bun binary's path; throws the one-line Error when there is none. */
export function bunPath() {
  const result = findBun();
  if (result instanceof Error) throw result;
  return result.path;
}
