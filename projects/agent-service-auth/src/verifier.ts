import { errors, jwtVerify } from 'jose';
import { isCanonicalBase64url } from './base64url.js';
import { AgentTokenError, JwtSecretError } from './errors.js';
import { isShortSecret, SHORT_SECRET_REASON, texeraKeyBytes } from './texera-key.js';
import { issuedInFuture, type TimeClaims } from './time-claims.js';
import { toVerifiedUser, type VerifiedUser } from './user.js';
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
  /** Resolves to the token's user, or rejects with AgentTokenError. Never throws synchronously. */
  verify(token: string | null | undefined): Promise<VerifiedUser>;
  /**
   * Loads the secret now (a verifier made from a loader reads it on first use otherwise) and
   * rejects with the loader's error, e.g. `JwtSecretError`: `await verifier.ready()` where the
   * service starts is what refuses to start without a real secret.
   */
  ready(): Promise<void>;
}

/**
 * Where the verifier's secret comes from: the secret itself, or a loader called on first use
 * (and again after a failure), e.g. `loadJwtSecret`. A loader lets a module build its verifier
 * at import without a secret in the environment (a test run), and still refuse at startup.
 */
export type JwtSecretSource = string | (() => string | Promise<string>);

/**
 * Texera tokens are a few hundred bytes; a cap keeps absurd inputs away from base64 and JSON
 * parsing. Well under the 60 KiB header limit Envoy applies.
 */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * An HS256 verifier for Texera tokens. The key is the UTF-8 bytes of the lowercased secret
 * (what Texera's AuthConfig signs with), imported into Web Crypto once per verifier. A secret
 * given as a string is checked at once (a TypeError when empty or shorter than 32 characters: a
 * key under 256 bits); a loader's secret is checked when it is loaded (a JwtSecretError). A
 * missing or malformed token is refused without the secret. The same token arrives with every
 * REST call and socket of a session, so tokens that passed are cached (see `cacheSize`).
 */
export function createAgentTokenVerifier(
  secret: JwtSecretSource,
  { clockToleranceSeconds = 30, cacheSize = 1000, now = Date.now }: AgentTokenVerifierOptions = {},
): AgentTokenVerifier {
  if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
    throw new TypeError('agent-service-auth: cacheSize must be a whole number, 0 or more');
  }
  const key =
    typeof secret === 'function'
      ? loadedOnce(secret)
      : importedOnce(
          checkedSecret(secret, (problem) => new TypeError(`agent-service-auth: ${problem}`)),
        );
  const verified = createVerifiedTokenCache(cacheSize, clockToleranceSeconds);
  return {
    async verify(token) {
      const presented = presentedToken(token);
      const nowMs = now();
      const cached = verified.get(presented, nowMs);
      if (cached) return cached;
      // Before the key: a token that cannot be a JWS is refused without loading the secret.
      assertCanonical(presented);
      const { user, time } = await verifyFresh(
        presented,
        await key(),
        nowMs,
        clockToleranceSeconds,
      );
      verified.add(presented, user, time);
      return user;
    },
    async ready() {
      await key();
    },
  };
}

/** The secret when it can make an HS256 key; else the error `refuse` builds (never quoting it). */
function checkedSecret(
  secret: unknown,
  refuse: (problem: string, code: 'empty' | 'short') => Error,
): string {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw refuse('the JWT secret is empty', 'empty');
  }
  // Refused here too, not only in loadJwtSecret: a service may read its secret its own way.
  if (isShortSecret(secret)) throw refuse(`the JWT secret is ${SHORT_SECRET_REASON}`, 'short');
  return secret;
}

/** Web Crypto's key type, named without the DOM lib (this package targets Node and Bun). */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** The Web Crypto key for `secret`, imported on first use and shared by every later call. */
function importedOnce(secret: string): () => Promise<HmacKey> {
  const keyBytes = texeraKeyBytes(secret);
  let key: Promise<HmacKey> | undefined;
  return () =>
    (key ??= crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]));
}

/**
 * The key for the secret `load` gives, loaded on first use and shared by every later call. A
 * failed load is not remembered: the next call tries again (a secret set after the first try).
 */
function loadedOnce(load: () => string | Promise<string>): () => Promise<HmacKey> {
  let key: Promise<HmacKey> | undefined;
  const attempt = async () => {
    const secret = checkedSecret(
      await load(),
      (problem, code) => new JwtSecretError(code, `the loaded ${problem}`),
    );
    return importedOnce(secret)();
  };
  return () =>
    (key ??= attempt().catch((error: unknown) => {
      key = undefined;
      throw error;
    }));
}

/** The token as something worth handing to jose, or the refusal that needs no key. */
function presentedToken(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '') throw new AgentTokenError('missing');
  if (token.length > MAX_TOKEN_LENGTH) throw new AgentTokenError('malformed', 'too long');
  return token;
}

/**
 * Three canonical base64url segments, or `malformed`. jose would accept `=` padding or a
 * non-canonical last character, and everything keyed by the token string (the cache here, a
 * revocation list) would see one token as several. Checked on a cache miss only: the cache holds
 * nothing but exact strings that passed this check.
 */
function assertCanonical(token: string): void {
  const segments = token.split('.');
  if (segments.length !== 3 || !segments.every(isCanonicalBase64url)) {
    throw new AgentTokenError('malformed', 'not a canonical base64url JWS');
  }
}

/**
 * The full check of a canonical token the cache does not hold: jose's signature, alg, exp and
 * nbf checks, then iat (which jose judges only against a maximum age) and Texera's claim types.
 */
async function verifyFresh(
  token: string,
  key: HmacKey,
  nowMs: number,
  toleranceSeconds: number,
): Promise<{ user: VerifiedUser; time: TimeClaims }> {
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      clockTolerance: toleranceSeconds,
      currentDate: new Date(nowMs),
    }));
  } catch (error) {
    throw fromJose(error);
  }
  const { nbf, iat } = claims;
  if (issuedInFuture(iat, nowMs, toleranceSeconds)) {
    throw new AgentTokenError('not-yet-valid', 'iat');
  }
  const user = toVerifiedUser(claims);
  // jose refuses a non-numeric nbf or iat, so none is lost here; the typeof is for the compiler.
  const time: TimeClaims = {
    exp: user.exp,
    ...(typeof nbf === 'number' && { nbf }),
    ...(typeof iat === 'number' && { iat }),
  };
  return { user, time };
}

function fromJose(error: unknown): AgentTokenError {
  if (error instanceof errors.JOSEAlgNotAllowed) return new AgentTokenError('alg');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AgentTokenError('bad-signature');
  }
  if (error instanceof errors.JWTExpired) return new AgentTokenError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'nbf' && error.reason === 'check_failed'
      ? new AgentTokenError('not-yet-valid', 'nbf')
      : new AgentTokenError('claims', error.claim);
  }
  return new AgentTokenError('malformed');
}
