import { AgentTokenError } from './errors.js';

/** Roles Texera puts in the `role` claim (UserRoleEnum). */
export type TexeraRole = 'INACTIVE' | 'RESTRICTED' | 'REGULAR' | 'ADMIN';

/** Roles that may use the agent-service. */
export const AGENT_ROLES: readonly TexeraRole[] = ['REGULAR', 'ADMIN'];

/** The caller a verified Texera token names (claim names as Texera's JwtAuth writes them). */
export interface AgentUser {
  /** `userId` claim. */
  id: number;
  /** `sub` claim (Texera's user name). */
  name: string;
  /** `email` claim; null when the token carries none. */
  email: string | null;
  /**
   * `role` claim exactly as sent (TexeraRole for Texera's own tokens); null when absent.
   * Verification does not judge it: an unknown or missing role is a 403, not a bad token.
   */
  role: string | null;
  googleId?: string;
  /** `exp` claim, seconds since the epoch: when an open socket must be closed. */
  exp: number;
}

export function isAgentRole(role: string | null): boolean {
  return AGENT_ROLES.some((allowed) => allowed === role);
}

/** Claims already verified by jose (signature, exp, nbf) into an AgentUser, checking types. */
export function toAgentUser(claims: Record<string, unknown>): AgentUser {
  const { sub, userId, email, role, googleId, exp } = claims;
  if (typeof sub !== 'string' || sub === '') throw new AgentTokenError('claims', 'sub');
  // jose4j reads userId as a Number, so Texera never issues it as a string.
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId)) {
    throw new AgentTokenError('claims', 'userId');
  }
  if (typeof exp !== 'number') throw new AgentTokenError('claims', 'exp');
  const user: AgentUser = {
    id: userId,
    name: sub,
    email: optionalString(email, 'email'),
    role: optionalString(role, 'role'),
    exp,
  };
  const google = optionalString(googleId, 'googleId');
  if (google !== null) user.googleId = google;
  return user;
}

function optionalString(value: unknown, claim: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new AgentTokenError('claims', claim);
  return value;
}
