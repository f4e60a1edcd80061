/** Why a token was refused. Every code maps to HTTP 401 (role checks are not token errors). */
export type AgentTokenErrorCode =
  'missing' | 'malformed' | 'bad-signature' | 'alg' | 'expired' | 'not-yet-valid' | 'claims';

const EXPLANATIONS: Record<AgentTokenErrorCode, string> = {
  missing: 'no token was presented',
  malformed: 'the token is not a well-formed compact JWS',
  'bad-signature': 'the HS256 signature does not match the shared secret',
  alg: 'only HS256 tokens are accepted',
  expired: 'the token has expired',
  'not-yet-valid': 'the token is not valid yet (nbf or iat in the future)',
  claims: 'the token lacks a required claim or a claim has the wrong type',
};

/**
 * A refused token. The message is built only from the code and a claim name chosen by this
 * package, never from the token or from jose's error (whose payload copy would carry claims).
 */
export class AgentTokenError extends Error {
  override readonly name = 'AgentTokenError';

  constructor(
    readonly code: AgentTokenErrorCode,
    detail?: string,
  ) {
    super(`agent token rejected (${code}): ${EXPLANATIONS[code]}${detail ? ` (${detail})` : ''}`);
  }
}

export type JwtSecretErrorCode =
  'unset' | 'file' | 'parser' | 'parse' | 'key' | 'empty' | 'random' | 'short';

/**
 * The JWT secret could not be loaded (`loadJwtSecret`, or a verifier whose loader's secret is
 * unusable). `parser`: auth.conf must be read but `@pushcorn/hocon-parser`, an optional peer
 * dependency, is not installed. Messages name the file and key, never the value.
 */
export class JwtSecretError extends Error {
  override readonly name = 'JwtSecretError';

  constructor(
    readonly code: JwtSecretErrorCode,
    message: string,
  ) {
    super(`agent-service-auth: ${message}`);
  }
}
