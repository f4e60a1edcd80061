// `@texera/agent-service-auth/elysia`: the agent-service's own guard, for Texera's Elysia app.
export { agentAuth, AgentAuthOrderError, type AgentAuthContext } from './elysia-plugin.js';
export {
  agentSocketClosed,
  agentSocketGuard,
  agentSocketOpened,
  type AgentSocketData,
  type AgentSocketGuard,
  type AgentSocketGuardOptions,
  type GuardedSocket,
} from './elysia-socket.js';
export type { AgentAuthOptions } from './elysia-options.js';
export { CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED } from './close-codes.js';
export { tokenSafeSerializers } from './log-serializers.js';
