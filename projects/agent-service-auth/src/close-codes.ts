/**
 * The close codes the agent-service ends a socket with, the same names and values as the
 * client library's (`@texera/agent-auth`), which maps them back to HTTP 401 and 403.
 */

/** No valid token: missing, rejected, or expired while the socket was open. */
export const CLOSE_UNAUTHENTICATED = 4401;

/** A verified caller whose role may not use the agent-service. */
export const CLOSE_FORBIDDEN = 4403;
