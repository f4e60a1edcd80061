/*
 * Public API of @texera/agent-auth.
 */
export { type AgentAuthConfig, TOKEN_QUERY_PARAM, type TokenResult } from './lib/config/config';
export { SKIP_AGENT_AUTH, isAgentAuthOwned } from './lib/http/context';
export {
  AgentAuthError,
  type AgentAuthChannel,
  type AgentAuthFailure,
  type AgentAuthFailureReason,
  type AgentAuthStatus,
} from './lib/failures/failure';
export { AgentAuthFailures } from './lib/failures/failures';
export { AgentAuthInterceptor, agentAuthInterceptor } from './lib/http/interceptor';
export { AgentAuthModule, provideAgentAuth } from './lib/provide';
export { redactToken } from './lib/url/redact';
export { isSafeReturnUrl } from './lib/url/return-url';
export { AgentSocketFactory, type AgentSocketOptions } from './lib/socket/socket-factory';
export { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './lib/socket/websocket-ctor';
