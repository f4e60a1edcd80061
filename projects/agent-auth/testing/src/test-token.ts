/** The roles a Texera token can carry; only REGULAR and ADMIN reach the agent-service. */
export type TexeraRole = 'INACTIVE' | 'RESTRICTED' | 'REGULAR' | 'ADMIN';

/** Texera's claims, each with a default, plus any extra claim a test needs. */
export interface TestTokenOptions {
  /** Default `REGULAR`. */
  role?: TexeraRole;
  /**
   * Seconds from now until `exp`; negative for an expired token, `null` for none (an `exp` claim
   * given directly wins). Default 3600.
   */
  expiresIn?: number | null;
  /** The user name. Default `test-user`. */
  sub?: string;
  /** Default 1. */
  userId?: number;
  /** Default `test-user@texera.example`. */
  email?: string;
  googleId?: string;
  googleAvatar?: string;
  [claim: string]: unknown;
}

// Not a signature: no server accepts the token, which is all a client-side test needs and the
// reason this works without a key. It is still three non-empty segments, as a JWS must be.
const UNSIGNED = 'dW5zaWduZWQ';

function base64url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A well-formed, unsigned Texera JWT (HS256 header, Texera's claims) for client-side tests:
 * the library decodes it like a real one; any server rejects it. `exp` is taken from `Date.now()`,
 * so a test's fake clock applies.
 */
export function testToken(options: TestTokenOptions = {}): string {
  const {
    role = 'REGULAR',
    expiresIn = 3600,
    sub = 'test-user',
    userId = 1,
    email = `${sub}@texera.example`,
    ...extra
  } = options;
  // An explicit `exp` claim wins over `expiresIn`.
  const exp =
    expiresIn === null || 'exp' in extra ? {} : { exp: Math.floor(Date.now() / 1000) + expiresIn };
  const payload = { sub, userId, email, role, ...exp, ...extra };
  return [
    base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
    base64url(JSON.stringify(payload)),
    UNSIGNED,
  ].join('.');
}
