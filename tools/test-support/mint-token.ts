import { SignJWT } from 'jose';

import { texeraKeyBytes } from '../../projects/agent-service-auth/src/internal.js';

// What a Texera started without AUTH_JWT_SECRET signs with, so tokens from a local Texera work
// against this gateway in development.
export { TEXERA_DEV_SECRET } from '../../projects/agent-service-auth/src/internal.js';

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
