import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

/** CPU, cores, Node, Chromium, nginx and the load at start: what the figures depend on. */
export function machineLine(chromium: string | null, nginx: string | null): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  return [
    `${model}, ${cpu.length} cores`,
    `Node ${process.version}`,
    `Chromium ${chromium ?? 'not run'}`,
    `nginx ${nginx ?? 'not run'}`,
    `load average at start ${loadavg()[0].toFixed(2)}`,
  ].join(' · ');
}

/** "1.26.3" from `nginx -v`, or null when there is no nginx. */
export function nginxVersion(binary: string | null): string | null {
  if (!binary) return null;
  const out = spawnSync(binary, ['-v'], { encoding: 'utf8' });
  return /nginx\/(\S+)/.exec(out.stderr ?? '')?.[1] ?? null;
}
