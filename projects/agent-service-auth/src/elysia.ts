// `@texera/agent-service-auth/elysia`: the agent-service's own guard, for Texera's Elysia app.
export { agentAuth, type AgentAuthContext } from './elysia-plugin.js';
export {
  agentSocket,
  type AgentSocketData,
  type AgentSocketHandlers,
  type AgentSocketOptions,
  type AgentWS,
} from './elysia-socket.js';
export type { AgentAuthOptions } from './elysia-options.js';
export { CLOSE_TOKEN_EXPIRED } from './expiry-timer.js';
export { tokenSafeSerializers } from './log-serializers.js';
