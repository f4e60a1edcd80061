import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { nginxVersion } from '../lib/machine';
import { interleavedLoads, type Load } from '../lib/load';
import { median } from '../lib/rounds';
import { type Section } from '../lib/report';

export interface GatewayOptions {
  seconds: number;
  rounds: number;
  connections: number;
}

interface Stack {
  token: string;
  targets: Record<string, string>;
  stop(): Promise<void>;
}

const DIRECT = 'agent-service stub, direct';

async function findNginx(): Promise<string | null> {
  // scripts/ is plain JS without types, hence a computed specifier and a cast.
  const file = new URL('../../scripts/system-deps.mjs', import.meta.url).href;
  const deps = (await import(file)) as { nginxPath(): string | null };
  return deps.nginxPath();
}

async function startStackProcess(withNginx: boolean): Promise<Stack> {
  const script = fileURLToPath(new URL('./stack/serve.ts', import.meta.url));
  const args = ['--import', 'tsx', script, ...(withNginx ? ['--nginx'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    exited.then(([code]) => {
      throw new Error(`gateway stack process exited (${code}) before it was ready`);
    }),
  ]);
  const ready = JSON.parse(first) as Omit<Stack, 'stop'>;
  return {
    ...ready,
    stop: async () => {
      // Closing its stdin is the stop signal; it also fires if this process dies first.
      child.stdin.end();
      const stuck = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(stuck);
    },
  };
}

export async function gatewaySection(
  options: GatewayOptions,
): Promise<{ section: Section; nginx: string | null }> {
  const nginx = await findNginx();
  const stack = await startStackProcess(nginx !== null);
  try {
    const names = Object.keys(stack.targets);
    const runs = await interleavedLoads(stack.targets, stack.token, options);
    const pick = (name: string, key: keyof Load) => median(runs.get(name)!.map((r) => r[key]));
    const direct = pick(DIRECT, 'perSecond');
    return {
      nginx: nginxVersion(nginx),
      section: {
        title: '4. Gateway overhead',
        method:
          `GET /api/agents with a valid token, autocannon on loopback, ${options.connections} ` +
          `connections, median of ${options.rounds} interleaved ${options.seconds} s runs per ` +
          'route after a 1 s warm-up; latency percentiles in whole ms, as autocannon records ' +
          'them; the servers run in one child process, the load generator in this one.',
        columns: [
          { key: 'route', label: 'route', text: true },
          { key: 'perSecond', label: 'req/s' },
          { key: 'mean', label: 'mean ms', digits: 2 },
          { key: 'p50', label: 'p50 ms' },
          { key: 'p99', label: 'p99 ms' },
          { key: 'vsDirect', label: 'req/s vs direct', ratio: true },
        ],
        rows: names.map((name) => ({
          route: name,
          perSecond: pick(name, 'perSecond'),
          mean: pick(name, 'mean'),
          p50: pick(name, 'p50'),
          p99: pick(name, 'p99'),
          vsDirect: pick(name, 'perSecond') / direct,
        })),
        goals: [],
      },
    };
  } finally {
    await stack.stop();
  }
}
