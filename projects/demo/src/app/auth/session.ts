import { jwtDecode } from 'jwt-decode';

/** What the header shows about the stored token; the server still decides whether it is good. */
export interface SessionSummary {
  readonly name: string;
  readonly role: string;
  /** Seconds since the epoch, or null for a token without `exp`. */
  readonly exp: number | null;
  readonly expired: boolean;
}

interface TexeraClaims {
  sub?: unknown;
  role?: unknown;
  exp?: unknown;
}

/** Null for no token or one that cannot be decoded; never throws. */
export function summarizeToken(token: string | null, nowMs: number): SessionSummary | null {
  if (!token) return null;
  let claims: TexeraClaims;
  try {
    claims = jwtDecode<TexeraClaims>(token);
  } catch {
    return null;
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : null;
  return {
    name: typeof claims.sub === 'string' ? claims.sub : 'unknown user',
    role: typeof claims.role === 'string' ? claims.role : 'no role',
    exp,
    expired: exp !== null && nowMs / 1000 >= exp,
  };
}

// setTimeout's longest delay; a later expiry is re-checked when the timer fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How long until the header must switch to "expired", or null when nothing will change (no
 * token, no `exp`, or already expired).
 */
export function msUntilExpiry(summary: SessionSummary | null, nowMs: number): number | null {
  if (summary === null || summary.exp === null || summary.expired) return null;
  return Math.min(Math.max(summary.exp * 1000 - nowMs, 0), MAX_TIMER_MS);
}
