/*
 * Public API of @texera/agent-auth.
 */
export { type AgentAuthConfig, TOKEN_QUERY_PARAM, type TokenResult } from './lib/config';
export { SKIP_AGENT_AUTH, isAgentAuthOwned } from './lib/context';
export {
  AgentAuthError,
  type AgentAuthChannel,
  type AgentAuthFailure,
  type AgentAuthFailureReason,
  type AgentAuthStatus,
} from './lib/errors';
export { AgentAuthFailures } from './lib/failures';
export { AgentAuthInterceptor, agentAuthInterceptor } from './lib/interceptor';
export { AgentAuthModule, provideAgentAuth } from './lib/provide';
export { redactToken } from './lib/redact';
export { isSafeReturnUrl } from './lib/return-url';
export { AgentSocketFactory, type AgentSocketOptions } from './lib/socket';
export { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './lib/websocket-ctor';
