import { bearerChallenge } from './challenge.js';
import { AgentTokenError } from './errors.js';
import { isAgentRole, type AgentUser } from './user.js';
import type { AgentTokenVerifier } from './verifier.js';

/** A request the agent-service serves: the token's user and the token itself. */
export interface Admitted {
  admitted: true;
  user: AgentUser;
  token: string;
}

/** A request the agent-service refuses, as Texera answers errors: `{ error }`. */
export interface Refused {
  admitted: false;
  status: 401 | 403;
  /** For logs: an AgentTokenErrorCode, or `role`. */
  reason: string;
  headers: Record<string, string>;
  body: { error: string };
}

const FORBIDDEN = 'the agent-service is for REGULAR and ADMIN users';

/**
 * The agent-service's own decision for one request, whatever the route or method: a token that
 * does not verify is 401 (with a Bearer challenge), a verified role other than REGULAR/ADMIN is
 * 403. Identity comes from the token only. Messages never quote the token.
 */
export async function admitAgentToken(
  verifier: AgentTokenVerifier,
  token: string | null,
): Promise<Admitted | Refused> {
  let user: AgentUser;
  try {
    user = await verifier.verify(token);
  } catch (error) {
    const refusal = error instanceof AgentTokenError ? error : new AgentTokenError('malformed');
    return {
      admitted: false,
      status: 401,
      reason: refusal.code,
      headers: { 'www-authenticate': bearerChallenge(refusal.code) },
      body: { error: refusal.message },
    };
  }
  if (!isAgentRole(user.role)) {
    return {
      admitted: false,
      status: 403,
      reason: 'role',
      headers: {},
      body: { error: FORBIDDEN },
    };
  }
  return { admitted: true, user, token: token as string };
}
