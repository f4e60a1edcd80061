/*
 * What the library's other entries (`/testing`, `/rxjs`) need from the core and apps do not:
 * exported with a ɵ prefix, as Angular does, so it stays out of the public surface.
 */
export { TOKEN_QUERY_PARAM as ɵTOKEN_QUERY_PARAM } from './config/config';
export {
  LiveSockets as ɵLiveSockets,
  type SocketRelay as ɵSocketRelay,
} from './socket/live-sockets';
export {
  type TokenVerdict as ɵTokenVerdict,
  currentToken as ɵcurrentToken,
  tokenFingerprint as ɵtokenFingerprint,
} from './token/token';
export { redactToken as ɵredactToken } from './url/redact';
export { type AgentTarget as ɵAgentTarget } from './url/scope';
