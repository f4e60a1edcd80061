import { dirname, join } from 'node:path';
import {
  createAgentServiceApp,
  type AgentServiceConfig,
  type ReceivedRequest,
} from './agent-service-app.js';
import { hostElysia, type ElysiaRuntime } from '../../tools/test-support/elysia-host.js';
import { silent, type LogFn } from './log.js';
import type { RunningServer } from '../../tools/test-support/servers.js';

export type { ReceivedRequest } from './agent-service-app.js';

/** This folder, from __filename: tsx runs these CommonJS files into ESM importers without __dirname. */
const GATEWAY_DIR = dirname(__filename);

export interface AgentServiceOptions extends AgentServiceConfig {
  port?: number;
  log?: LogFn;
  /** `bun` (default: a Bun child process, where Texera runs it) or `node` (in this process). */
  runtime?: ElysiaRuntime;
}

export type RunningAgentService = RunningServer & {
  runtime: ElysiaRuntime;
  /** Every request and upgrade it saw, in order; `await settled()` before reading it. */
  received: ReceivedRequest[];
  /** Resolves once everything the service saw before this call is in `received` and the log. */
  settled(): Promise<void>;
};

/**
 * Stub of Texera's agent-service: the Elysia app of agent-service-app.ts, whose plugin
 * re-verifies every request and upgrade from the JWT itself (identity from the token, never
 * from x-user-*), so it is safe even when reached directly.
 */
export async function startAgentService({
  port = 0,
  log = silent,
  runtime = 'bun',
  ...config
}: AgentServiceOptions): Promise<RunningAgentService> {
  const received: ReceivedRequest[] = [];
  const host = await hostElysia({
    runtime,
    factory: createAgentServiceApp,
    file: join(GATEWAY_DIR, 'agent-service-app.ts'),
    exportName: 'createAgentServiceApp',
    config,
    port,
    io: { log, record: (entry) => received.push(entry as ReceivedRequest) },
  });
  return { ...host, received, settled: host.flush };
}
