/*
 * Public API of @texera/agent-auth.
 */
export { type AgentAuthConfig, type TokenResult } from './lib/config';
export { AgentAuthError } from './lib/errors';
export {
  AgentAuthFailures,
  type AgentAuthChannel,
  type AgentAuthFailure,
  type AgentAuthFailureReason,
} from './lib/failures';
export { AgentAuthInterceptor, SKIP_AGENT_AUTH, agentAuthInterceptor } from './lib/interceptor';
export { AgentAuthModule, provideAgentAuth } from './lib/provide';
export { redactToken } from './lib/redact';
export { isSafeReturnUrl } from './lib/return-url';
export { AgentSocketFactory, type AgentSocketOptions } from './lib/socket';
export { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './lib/websocket-ctor';
