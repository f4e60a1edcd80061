import { authenticate, roleRefusal, type AgentAuthDecision } from './authorize.js';
import type { AgentUser } from './user.js';
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

/**
 * The agent-service's own decision for one request, whatever the route or method, with the
 * rules of the /api/auth decision: a token that does not verify is 401 (with a Bearer
 * challenge), a verified role other than REGULAR/ADMIN is 403. Identity comes from the token
 * only. Messages name the reason, never the token.
 */
export async function admitAgentToken(
  verifier: AgentTokenVerifier,
  token: string | null,
): Promise<Admitted | Refused> {
  const caller = await authenticate(verifier, token);
  if ('refusal' in caller) return refused(caller.refusal);
  const forbidden = roleRefusal(caller.user);
  if (forbidden) return refused(forbidden);
  return { admitted: true, user: caller.user, token: token as string };
}

function refused({ status, reason, headers }: AgentAuthDecision): Refused {
  const error =
    status === 401
      ? `a valid token is required (${reason})`
      : 'only REGULAR and ADMIN users may use the agent-service';
  return { admitted: false, status: status === 401 ? 401 : 403, reason, headers, body: { error } };
}
