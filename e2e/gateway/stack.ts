import { startAccessControl, type RunningAccessControl } from './access-control.js';
import {
  startAgentService,
  type AgentServiceOptions,
  type RunningAgentService,
} from './agent-service.js';
import { startGateway } from './gateway.js';
import type { LogFn } from './log.js';
import { TEXERA_DEV_SECRET } from '../../tools/test-support/mint-token.js';
import type { RunningServer } from '../../tools/test-support/servers.js';

export interface StackOptions {
  /** Gateway port; 0 or absent = a free port. The stubs always take free ports. */
  port?: number;
  secret?: string;
  staticDir?: string;
  log?: LogFn;
  /** Enables `POST /dev/token` (default true). */
  devTokens?: boolean;
  /** Where the agent-service stub runs: `bun` (default, as Texera) or `node` (in this process). */
  agentRuntime?: AgentServiceOptions['runtime'];
  /** The agent-service's own 4401 close at the token's exp (default true). */
  closeAtExpiry?: boolean;
}

export interface RunningStack {
  /** The gateway's URL: the only address a browser needs. */
  url: string;
  secret: string;
  gateway: RunningServer;
  accessControl: RunningAccessControl;
  agentService: RunningAgentService;
  /** Every log line of all three servers, in order (already redacted). */
  logLines: string[];
  close(): Promise<void>;
}

/** Gateway + access-control stub + agent-service stub, wired together on loopback. */
export async function startStack({
  port = 0,
  secret = TEXERA_DEV_SECRET,
  staticDir,
  log,
  devTokens = true,
  agentRuntime,
  closeAtExpiry,
}: StackOptions = {}): Promise<RunningStack> {
  const logLines: string[] = [];
  const collect: LogFn = (line) => {
    logLines.push(line);
    log?.(line);
  };
  const accessControl = await startAccessControl({ secret, log: collect });
  const agentService = await startAgentService({
    secret,
    log: collect,
    runtime: agentRuntime,
    closeAtExpiry,
  }).catch(async (error: unknown) => {
    await accessControl.close();
    throw error;
  });
  const gateway = await startGateway({
    authUrl: accessControl.url,
    upstreamUrl: agentService.url,
    port,
    staticDir,
    devTokenSecret: devTokens ? secret : null,
    log: collect,
  }).catch(async (error: unknown) => {
    await Promise.all([accessControl.close(), agentService.close()]);
    throw error;
  });
  return {
    url: gateway.url,
    secret,
    gateway,
    accessControl,
    agentService,
    logLines,
    close: async () => {
      await gateway.close();
      await Promise.all([accessControl.close(), agentService.close()]);
    },
  };
}
