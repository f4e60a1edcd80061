import { errors, jwtVerify } from 'jose';
import { AgentAuthError } from './errors.js';
import { issuedInFuture } from './time-claims.js';
import { toAgentUser, type AgentUser } from './user.js';
import { createVerifiedTokenCache } from './verified-cache.js';

export interface AgentTokenVerifierOptions {
  /** Allowed clock skew for exp, nbf and iat; Texera's backend allows 30 s. */
  clockToleranceSeconds?: number;
  /**
   * How many verified tokens to remember (default 1000; 0 turns the cache off). A remembered
   * token skips the signature check but is still refused once its exp (plus the tolerance) has
   * passed; the cache lives and dies with this verifier. Each entry holds one token (at most
   * MAX_TOKEN_LENGTH characters) and its user.
   */
  cacheSize?: number;
  /** Current time in ms; for tests. */
  now?: () => number;
}

export interface AgentTokenVerifier {
  /** Resolves to the token's user, or rejects with AgentAuthError. Never throws synchronously. */
  verify(token: string | null | undefined): Promise<AgentUser>;
}

/**
 * Texera tokens are a few hundred bytes; a cap keeps absurd inputs away from base64 and JSON
 * parsing. Well under the 60 KiB header limit Envoy applies.
 */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * The HS256 key Texera signs with: the UTF-8 bytes of the secret lowercased (not hex-decoded),
 * as Texera's AuthConfig does. Shared by everything here that signs or checks a token.
 */
export function texeraKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(secret.toLowerCase());
}

/**
 * An HS256 verifier for Texera tokens. The key is the UTF-8 bytes of the lowercased secret
 * (what Texera's AuthConfig signs with), imported into Web Crypto once per verifier. The same
 * token arrives with every REST call and socket of a session, so tokens that passed are cached
 * (see `cacheSize`).
 */
export function createAgentTokenVerifier(
  secret: string,
  { clockToleranceSeconds = 30, cacheSize = 1000, now = Date.now }: AgentTokenVerifierOptions = {},
): AgentTokenVerifier {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new TypeError('agent-service-auth: the JWT secret is empty');
  }
  if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
    throw new TypeError('agent-service-auth: cacheSize must be a whole number, 0 or more');
  }
  const verified = createVerifiedTokenCache(cacheSize, clockToleranceSeconds);
  const keyBytes = texeraKeyBytes(secret);
  const importKey = () =>
    crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  let key: ReturnType<typeof importKey> | undefined;

  return {
    async verify(token) {
      if (typeof token !== 'string' || token.trim() === '') throw new AgentAuthError('missing');
      if (token.length > MAX_TOKEN_LENGTH) throw new AgentAuthError('malformed', 'too long');
      const nowMs = now();
      const cached = verified.get(token, nowMs);
      if (cached) return cached;
      let claims: Record<string, unknown>;
      try {
        ({ payload: claims } = await jwtVerify(token, await (key ??= importKey()), {
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'sub'],
          clockTolerance: clockToleranceSeconds,
          currentDate: new Date(nowMs),
        }));
      } catch (error) {
        throw fromJose(error);
      }
      const { nbf, iat } = claims;
      if (issuedInFuture(iat, nowMs, clockToleranceSeconds)) {
        throw new AgentAuthError('not-yet-valid', 'iat');
      }
      const user = toAgentUser(claims);
      // jose refuses a non-numeric nbf or iat, so none is lost here; the typeof is for the compiler.
      verified.add(token, user, {
        exp: user.exp,
        ...(typeof nbf === 'number' && { nbf }),
        ...(typeof iat === 'number' && { iat }),
      });
      return user;
    },
  };
}

function fromJose(error: unknown): AgentAuthError {
  if (error instanceof errors.JOSEAlgNotAllowed) return new AgentAuthError('alg');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AgentAuthError('bad-signature');
  }
  if (error instanceof errors.JWTExpired) return new AgentAuthError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'nbf' && error.reason === 'check_failed'
      ? new AgentAuthError('not-yet-valid', 'nbf')
      : new AgentAuthError('claims', error.claim);
  }
  return new AgentAuthError('malformed');
}
