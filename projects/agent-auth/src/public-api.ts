/*
 * Public API of @texera/agent-auth. `connect()` (rxjs WebSocketSubject) is in
 * `@texera/agent-auth/rxjs`, test support in `@texera/agent-auth/testing`.
 */
export { type AgentAuthConfig, type TokenResult } from './lib/config/config';
export {
  AgentAuthError,
  type AgentAuthChannel,
  type AgentAuthFailure,
  type AgentAuthFailureReason,
  type AgentAuthStatus,
} from './lib/failures/failure';
export { AgentAuthFailures } from './lib/failures/failures';
export { SKIP_AGENT_AUTH, isAgentAuthOwned } from './lib/http/context';
export { AgentAuthInterceptor, agentAuthInterceptor } from './lib/http/interceptor';
export { AgentAuthModule, provideAgentAuth } from './lib/provide';
export { CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED } from './lib/socket/close-codes';
export { AgentSocketFactory } from './lib/socket/socket-factory';
// Kept public: a server-rendered app without a global WebSocket provides one (see the README).
export { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './lib/socket/websocket-ctor';
export { isSafeReturnUrl } from './lib/url/return-url';

export * from './lib/private-export';
