import type { AgentTokenErrorCode } from './errors.js';

const REALM = 'Bearer realm="agent-service"';

/**
 * The `WWW-Authenticate` value of a 401 (RFC 6750 section 3): no `error` when no token was
 * presented, `invalid_token` for every other refusal. Names the code only, never the token.
 */
export function bearerChallenge(code: AgentTokenErrorCode): string {
  return code === 'missing' ? REALM : `${REALM}, error="invalid_token"`;
}
