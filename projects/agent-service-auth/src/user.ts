import { AgentTokenError } from './errors.js';

/** Roles Texera puts in the `role` claim (UserRoleEnum). */
export type TexeraRole = 'INACTIVE' | 'RESTRICTED' | 'REGULAR' | 'ADMIN';

/** Roles that may use the agent-service. */
export type AgentRole = 'REGULAR' | 'ADMIN';

export const AGENT_ROLES: readonly AgentRole[] = ['REGULAR', 'ADMIN'];

/**
 * The caller a verified Texera token names, shaped as Texera's `UserInfo` (what its
 * `extractUserFromToken` returned: `uid`, `name`, `email`, `role`), plus `exp`.
 */
export interface VerifiedUser {
  /** `userId` claim. */
  uid: number;
  /** `sub` claim (Texera's user name). */
  name: string;
  /** `email` claim; `''` when the token carries none, as Texera's `extractUserFromToken`. */
  email: string;
  /**
   * `role` claim exactly as sent (a TexeraRole for Texera's own tokens); null when absent, never
   * defaulted. Verification does not judge it: an unknown or missing role is a 403, not a bad token.
   */
  role: string | null;
  /** `exp` claim, seconds since the epoch: when an open socket must be closed. */
  exp: number;
}

/** A user the agent-service admitted: a drop-in for Texera's `UserInfo`, role REGULAR or ADMIN. */
export interface AgentUser extends VerifiedUser {
  role: AgentRole;
}

export function isAgentRole(role: string | null): role is AgentRole {
  return AGENT_ROLES.some((allowed) => allowed === role);
}

/** The user as admitted, or null when its role may not use the agent-service. */
export function asAgentUser(user: VerifiedUser): AgentUser | null {
  const { role } = user;
  return isAgentRole(role) ? { ...user, role } : null;
}

/** Claims already verified by jose (signature, exp, nbf) into a VerifiedUser, checking types. */
export function toVerifiedUser(claims: Record<string, unknown>): VerifiedUser {
  const { sub, userId, email, role, exp } = claims;
  if (typeof sub !== 'string' || sub === '') throw new AgentTokenError('claims', 'sub');
  // jose4j reads userId as a Number, so Texera never issues it as a string.
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId)) {
    throw new AgentTokenError('claims', 'userId');
  }
  if (typeof exp !== 'number') throw new AgentTokenError('claims', 'exp');
  return {
    uid: userId,
    name: sub,
    email: optionalString(email, 'email') ?? '',
    role: optionalString(role, 'role'),
    exp,
  };
}

function optionalString(value: unknown, claim: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new AgentTokenError('claims', claim);
  return value;
}
