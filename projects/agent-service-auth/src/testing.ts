// `@texera/agent-service-auth/testing`: valid Texera tokens for an agent-service's own specs, so a
// spec that called a guarded route with no token (or a made-up signature) needs one call here.
import { createHmac, randomBytes } from 'node:crypto';
import { texeraKeyBytes } from './texera-key.js';
import type { TexeraRole } from './user.js';

const ENV_SECRET = 'AUTH_JWT_SECRET';

/** The claims of a test token; each has a default, and any other claim may be added. */
export interface TestTokenClaims {
  /** Default `REGULAR`. Any string, to test refusals (`RESTRICTED` is a 403). */
  role?: TexeraRole | (string & {});
  /** Default 1. */
  userId?: number;
  /** The user name. Default `tester`. */
  sub?: string;
  /** Default `tester@example.com`. */
  email?: string;
  /** Seconds since the epoch; default now + `expiresIn`. */
  exp?: number;
  /** Seconds from now to `exp` when `exp` is not given; default 3600. Negative: already expired. */
  expiresIn?: number;
  [claim: string]: unknown;
}

export interface TestTokenOptions {
  /** Default `testSecret()`: the secret the service under test loads. */
  secret?: string;
}

/**
 * The secret the service under test verifies with: `AUTH_JWT_SECRET` when it is set; otherwise
 * a random secret made for this process and put into `process.env.AUTH_JWT_SECRET`, so a
 * verifier made with `createAgentTokenVerifier(loadJwtSecret)` (which reads the environment on
 * first use) accepts what `testToken` signs. Random, so no one outside the test process can sign
 * for it. Call it before the service loads its secret (its first token check, or `ready()`).
 */
export function testSecret(env: Record<string, string | undefined> = process.env): string {
  const current = env[ENV_SECRET];
  if (current !== undefined && current !== '') return current;
  const secret = randomBytes(32).toString('hex');
  env[ENV_SECRET] = secret;
  return secret;
}

/**
 * A Texera JWT as Texera's JwtAuth signs it (HS256, key = the lowercased secret's UTF-8 bytes;
 * claims `sub`, `userId`, `email`, `role`, `exp`), signed with `testSecret()` unless a secret is
 * given. Synchronous, for a spec's top level: `const TOKEN = testToken()`.
 */
export function testToken(claims: TestTokenClaims = {}, options: TestTokenOptions = {}): string {
  const { expiresIn = 3600, ...rest } = claims;
  const payload = {
    sub: 'tester',
    userId: 1,
    email: 'tester@example.com',
    role: 'REGULAR',
    exp: Math.floor(Date.now() / 1000) + expiresIn,
    ...rest,
  };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  const key = texeraKeyBytes(options.secret ?? testSecret());
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}
