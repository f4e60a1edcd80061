/*
 * Public API of @texera/agent-auth/rxjs: agent sockets as rxjs WebSocketSubjects.
 */
export { AgentSocketConnector, type AgentSocketOptions } from './agent-socket-connector';
