/**
 * The close codes the agent-service and this library agree on (the server keeps the same names
 * and values in `projects/agent-service-auth/src/close-codes.ts`).
 */

/** Not authenticated: no token, a token the server rejected, or one past its `exp`. */
export const CLOSE_UNAUTHENTICATED = 4401;

/** Authenticated, but the user's role may not use the agent-service. */
export const CLOSE_FORBIDDEN = 4403;

/** RFC 6455 "policy violation", which some servers send for an auth refusal: read as 4401. */
export const CLOSE_POLICY_VIOLATION = 1008;
