// Serves one Elysia app, built by a factory module, on Bun (a child process, as Texera runs its
// agent-service) or in this Node process through @elysiajs/node: the same app code either way.
import { node } from '@elysiajs/node';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { AnyElysia } from 'elysia';
import type { ElysiaAdapter } from 'elysia/adapter';
import type { RunningServer } from './servers.js';

export type ElysiaRuntime = 'bun' | 'node';

/** What a hosted app may report to its host: log lines and records of what it received. */
export interface HostIO {
  log(line: string): void;
  record(entry: unknown): void;
}

/**
 * A module's export that builds the app. `adapter` is given on Node (@elysiajs/node) and absent
 * on Bun, Elysia's default there. The factory must not listen.
 */
export type HostedAppFactory<Config> = (
  config: Config,
  io: HostIO,
  adapter?: ElysiaAdapter,
) => AnyElysia;

export interface ElysiaHostOptions<Config> {
  runtime: ElysiaRuntime;
  /** The factory itself (Node) and where it lives (Bun imports it in the child). */
  factory: HostedAppFactory<Config>;
  file: string;
  exportName: string;
  /** JSON-serialisable; reaches the Bun child through its environment, never its argv. */
  config: Config;
  port?: number;
  io?: Partial<HostIO>;
}

export type RunningElysiaHost = RunningServer & {
  runtime: ElysiaRuntime;
  /** Resolves once every record and log line the app wrote so far has reached `io`. */
  flush(): Promise<void>;
};

/**
 * This folder. From __filename: tsx loads these CommonJS files into ESM importers (the server
 * package's tests, the bench) with __filename set but not __dirname.
 */
const HOST_DIR = dirname(__filename);
const CHILD = join(HOST_DIR, 'elysia-child.ts');
// A bound for a hung start, not a wait: the ready line (or the child's exit) ends the wait first,
// however long a machine with no spare CPU takes to start Bun.
const READY_TIMEOUT_MS = 60_000;

export function hostElysia<Config>(options: ElysiaHostOptions<Config>): Promise<RunningElysiaHost> {
  const io: HostIO = { log: () => undefined, record: () => undefined, ...options.io };
  return options.runtime === 'bun' ? hostOnBun(options, io) : hostOnNode(options, io);
}

async function hostOnNode<Config>(
  { factory, config, port = 0 }: ElysiaHostOptions<Config>,
  io: HostIO,
): Promise<RunningElysiaHost> {
  const app = factory(config, io, node());
  // @elysiajs/node reports the requested port; the real one is on srvx's Node server.
  const raw = await new Promise<NodeServe>((resolve) =>
    app.listen({ port, hostname: '127.0.0.1' }, (server) =>
      resolve((server as unknown as { raw: NodeServe }).raw),
    ),
  );
  await raw.ready();
  const server = raw.node.server;
  // srvx closes idle HTTP connections only; upgraded sockets are tracked here and destroyed too.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    runtime: 'node',
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    flush: async () => undefined,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await raw.close(true);
    },
  };
}

/** The part of srvx's Node server used here. */
interface NodeServe {
  ready(): Promise<unknown>;
  close(closeAll?: boolean): Promise<void>;
  node: { server: import('node:http').Server };
}

/** One JSON object per stdout line from elysia-child.ts. */
type ChildLine =
  { ready: { port: number } } | { log: string } | { record: unknown } | { flushed: true };

async function hostOnBun<Config>(
  { file, exportName, config, port = 0 }: ElysiaHostOptions<Config>,
  io: HostIO,
): Promise<RunningElysiaHost> {
  const { bunPath } = (await import(
    pathToFileURL(join(HOST_DIR, '..', '..', 'scripts', 'bun.mjs')).href
  )) as { bunPath(): string };
  const child = spawn(bunPath(), [CHILD], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ELYSIA_HOST: JSON.stringify({ file, exportName, config, port }) },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const flushes: (() => void)[] = [];
  let onReady: (port: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (onReady = resolve));
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as ChildLine;
    if ('ready' in line) onReady(line.ready.port);
    else if ('log' in line) io.log(line.log);
    else if ('record' in line) io.record(line.record);
    else flushes.shift()?.();
  });
  const exited = once(child, 'exit');
  const actual = await Promise.race([
    ready,
    exited.then(([code]) => {
      throw new Error(
        `the Bun agent-service host exited (${code}) before it was ready: ${stderr.trim()}`,
      );
    }),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`the Bun host was not ready within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      ).unref(),
    ),
  ]).catch(async (error: unknown) => {
    await stop(child, exited);
    throw error;
  });
  return {
    runtime: 'bun',
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    flush: () =>
      new Promise<void>((resolve) => {
        flushes.push(resolve);
        child.stdin.write('flush\n');
      }),
    close: () => stop(child, exited),
  };
}

/** Closing its stdin is the child's stop signal (it also fires if this process dies first). */
async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const stuck = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(stuck);
}
