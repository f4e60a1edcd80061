export {
  startAccessControl,
  type AccessControlOptions,
  type RunningAccessControl,
} from './access-control.js';
export {
  startAgentService,
  type AgentServiceOptions,
  type ReceivedRequest,
  type RunningAgentService,
} from './agent-service.js';
export { startGateway, type GatewayOptions } from './gateway.js';
export { startStack, type RunningStack, type StackOptions } from './stack.js';
export {
  mintToken,
  TEXERA_DEV_SECRET,
  type MintClaims,
} from '../../tools/test-support/mint-token.js';
export { CLOSE_UNAUTHENTICATED } from '../../projects/agent-service-auth/src/elysia.js';
export { type ReactFrame } from './react-session.js';
export type { ElysiaRuntime } from '../../tools/test-support/elysia-host.js';
export type { RunningServer } from '../../tools/test-support/servers.js';
export type { LogFn } from './log.js';
