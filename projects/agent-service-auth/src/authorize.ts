import { AgentTokenError, JwtSecretError } from './errors.js';
import { identityHeaders } from './identity-headers.js';
import { AGENT_API_PATH, AUTH_PATH_PREFIX, isUnderPath } from './paths.js';
import { asAgentUser, type AgentUser, type VerifiedUser } from './user.js';
import type { AgentTokenVerifier } from './verifier.js';

/** What `/api/auth` answers: Envoy forwards only on exactly 200, copying the identity headers. */
export interface AgentAuthDecision {
  status: 200 | 401 | 403;
  headers: Record<string, string>;
  /** A short reason for logs: `ok`, an AgentTokenErrorCode, `role`, `path` or `method`. */
  reason: string;
  user?: AgentUser;
}

export type AuthorizeAgentRequest = (
  method: string,
  path: string,
  token: string | null | undefined,
) => Promise<AgentAuthDecision>;

/** Envoy forwards the client's method to the auth service unchanged, so all of these arrive. */
export const AGENT_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

const UNAUTHORIZED = 'Bearer realm="agent-service"';

/**
 * The decision `/api/auth` makes for agent paths, as a function of (method, path, token).
 * A factory because it needs a verifier (one imported key per process): call it once at
 * startup and use the returned `authorizeAgentRequest` per request.
 * Order: a missing or invalid token is 401; then a path outside `/api/agents` (after an
 * `/api/auth` prefix is removed) or another method is 403; then a role other than
 * REGULAR/ADMIN is 403; else 200 with the identity headers.
 */
export function createAgentAuthorizer(verifier: AgentTokenVerifier): AuthorizeAgentRequest {
  return async function authorizeAgentRequest(method, path, token): Promise<AgentAuthDecision> {
    const caller = await authenticate(verifier, token);
    if ('refusal' in caller) return caller.refusal;
    if (agentPath(path) === null) return { status: 403, headers: {}, reason: 'path' };
    if (!AGENT_METHODS.includes(method.toUpperCase())) {
      return { status: 403, headers: {}, reason: 'method' };
    }
    const user = asAgentUser(caller.user);
    if (!user) return forbiddenRole();
    return { status: 200, headers: identityHeaders(user), reason: 'ok', user };
  };
}

/**
 * The user a token names, or the 401 that refuses it: a Bearer challenge, with
 * `error="invalid_token"` unless no token was presented (RFC 6750 section 3.1).
 */
export async function authenticate(
  verifier: AgentTokenVerifier,
  token: string | null | undefined,
): Promise<{ user: VerifiedUser } | { refusal: AgentAuthDecision }> {
  try {
    return { user: await verifier.verify(token) };
  } catch (error) {
    // A secret that cannot be loaded is the service's fault, not the caller's: a 401 would sign
    // every user out. It propagates (a 500) instead; loadJwtSecret's message names no secret.
    if (error instanceof JwtSecretError) throw error;
    const code = error instanceof AgentTokenError ? error.code : 'malformed';
    const challenge = code === 'missing' ? UNAUTHORIZED : `${UNAUTHORIZED}, error="invalid_token"`;
    return { refusal: { status: 401, headers: { 'www-authenticate': challenge }, reason: code } };
  }
}

/** The 403 for a role other than REGULAR/ADMIN, or null when the user may use the agents. */
export function roleRefusal(user: VerifiedUser): AgentAuthDecision | null {
  return asAgentUser(user) ? null : forbiddenRole();
}

/** The 403 for a verified user whose role is not REGULAR/ADMIN. */
export function forbiddenRole(): AgentAuthDecision {
  return { status: 403, headers: {}, reason: 'role' };
}

/**
 * The agent path a request targets (query dropped), or null when it is outside `/api/agents`.
 * The raw path and its WHATWG-normalised form must both be inside, so dot segments
 * (`/api/agents/../x`, `%2e%2e`) and encoded slashes cannot step out. A `#` is refused
 * outright: no request target carries a fragment (Envoy rejects one with 400), and cutting the
 * path there would judge `/api/agents/` while `/api/agents/#/../../x` is what gets forwarded.
 */
export function agentPath(path: string): string | null {
  if (path.includes('#')) return null;
  let raw = path.split('?', 1)[0];
  if (isUnderPath(raw, AUTH_PATH_PREFIX)) raw = raw.slice(AUTH_PATH_PREFIX.length);
  let normalised: string;
  try {
    normalised = new URL(raw, 'http://path.invalid').pathname;
  } catch {
    return null;
  }
  return raw === normalised && isUnderPath(raw, AGENT_API_PATH) && !/%2f|%5c|\\/i.test(raw)
    ? raw
    : null;
}
