import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';

import { nginxVersion } from '../lib/machine';
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

interface Load {
  perSecond: number;
  mean: number;
  p50: number;
  p99: number;
}

/**
 * One autocannon run; any answer but a 200 fails the bench. A rare transport error (nginx closes a
 * client connection after `keepalive_requests`, racing autocannon's next pipelined write) is not
 * an answer, so up to one in a thousand is tolerated.
 */
async function load(name: string, url: string, token: string, o: GatewayOptions): Promise<Load> {
  const result = await autocannon({
    url,
    connections: o.connections,
    duration: o.seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  const tooManyErrors = result.errors * 1000 > result['2xx'];
  if (tooManyErrors || result.timeouts || result.non2xx || !result['2xx']) {
    throw new Error(
      `gateway case "${name}": ${result['2xx']} ok, ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    perSecond: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

export async function gatewaySection(
  options: GatewayOptions,
): Promise<{ section: Section; nginx: string | null }> {
  const nginx = await findNginx();
  const stack = await startStackProcess(nginx !== null);
  try {
    const names = Object.keys(stack.targets);
    const runs = new Map<string, Load[]>(names.map((n) => [n, []]));
    for (const name of names)
      await load(name, stack.targets[name], stack.token, { ...options, seconds: 1 });
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        runs.get(name)!.push(await load(name, stack.targets[name], stack.token, options));
      }
    }
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
