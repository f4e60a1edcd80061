import { SignJWT } from 'jose';

import { texeraKeyBytes } from '../../projects/agent-service-auth/src/texera-key.js';

/**
 * The default of `auth.jwt.256-bit-secret` in Texera's auth.conf: what a Texera started without
 * AUTH_JWT_SECRET signs with, so tokens from a local Texera work against this gateway.
 */
export const TEXERA_DEV_SECRET = '8a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d';

export interface MintClaims {
  role: string;
  /** Lifetime in seconds (negative for an already-expired token); default 15 minutes. */
  ttlSeconds?: number;
  name?: string;
  email?: string;
  userId?: number;
}

/** A token shaped like Texera's JwtAuth.jwtClaims: HS256 over the lowercased secret. */
export function mintToken(
  secret: string,
  {
    role,
    ttlSeconds = 900,
    name = 'demo',
    email = `${name}@texera.example`,
    userId = 1,
  }: MintClaims,
): Promise<string> {
  return new SignJWT({ userId, email, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(name)
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(texeraKeyBytes(secret));
}
