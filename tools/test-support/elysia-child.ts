// Run by Bun (see elysia-host.ts): builds the app named in ELYSIA_HOST, listens on loopback, and
// speaks one JSON object per stdout line: {ready}, {log}, {record}, {flushed}. Reads `flush`
// lines on stdin; stdin closing stops the server (open sockets included) and the process.
import { createInterface } from 'node:readline';
import type { HostedAppFactory, HostIO } from './elysia-host.js';

interface HostRequest {
  file: string;
  exportName: string;
  config: unknown;
  port: number;
}

const write = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const { file, exportName, config, port } = JSON.parse(
    process.env['ELYSIA_HOST'] ?? '',
  ) as HostRequest;
  const factory = (await import(file))[exportName] as HostedAppFactory<unknown>;
  const io: HostIO = {
    log: (line) => write({ log: line }),
    record: (entry) => write({ record: entry }),
  };
  const app = factory(config, io).listen({ port, hostname: '127.0.0.1' });
  write({ ready: { port: app.server?.port } });
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (line === 'flush') write({ flushed: true });
    })
    .on('close', async () => {
      await app.stop(true);
      process.exit(0);
    });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
