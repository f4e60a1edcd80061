import { authenticate, forbiddenRole, type AgentAuthDecision } from './authorize.js';
import { asAgentUser, type AgentUser } from './user.js';
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
  /** 500 only from the Elysia guards, when the secret could not be loaded (see admitRequest). */
  status: 401 | 403 | 500;
  /** For logs: an AgentTokenErrorCode, `role`, or `secret`. */
  reason: string;
  headers: Record<string, string>;
  body: { error: string };
}

/**
 * The agent-service's own decision for one request, whatever the route or method, with the
 * rules of the /api/auth decision: a token that does not verify is 401 (with a Bearer
 * challenge), a verified role other than REGULAR/ADMIN is 403. Identity comes from the token
 * only. Messages never name the token; the reason (an AgentTokenErrorCode) is for logs.
 */
export async function admitAgentToken(
  verifier: AgentTokenVerifier,
  token: string | null,
): Promise<Admitted | Refused> {
  const caller = await authenticate(verifier, token);
  if ('refusal' in caller) return refused(caller.refusal);
  const user = asAgentUser(caller.user);
  if (!user) return refused(forbiddenRole());
  return { admitted: true, user, token: token as string };
}

/**
 * Texera's own words where the meaning is the same (its POST /agents said these, and its specs
 * assert them): no token at all, or a token that does not verify.
 */
export const MISSING_TOKEN_MESSAGE = 'Authorization header with a Bearer token is required';
export const INVALID_TOKEN_MESSAGE = 'Invalid or expired token';
export const FORBIDDEN_ROLE_MESSAGE = 'Only REGULAR and ADMIN users may use the agent-service';

function refused({ status, reason, headers }: AgentAuthDecision): Refused {
  const error =
    status !== 401
      ? FORBIDDEN_ROLE_MESSAGE
      : reason === 'missing'
        ? MISSING_TOKEN_MESSAGE
        : INVALID_TOKEN_MESSAGE;
  return { admitted: false, status: status === 401 ? 401 : 403, reason, headers, body: { error } };
}
