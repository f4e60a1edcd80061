/*
 * Public API of @texera/agent-auth/testing: the library in unit tests, under Jasmine or Vitest.
 */
export {
  AgentAuthTestingToken,
  type AgentAuthTestingOptions,
  provideAgentAuthTesting,
} from './provide-testing';
export { AgentSocketTestingController, type SocketMatch } from './socket-testing-controller';
export { type TestFrame, TestWebSocket } from './test-web-socket';
export { type ClientClose, type WebSocketData } from './fake-web-socket';
export { type TestTokenOptions, type TexeraRole, testToken } from './test-token';
