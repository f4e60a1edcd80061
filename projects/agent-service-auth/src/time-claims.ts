/** The time claims of a token that passed verification: `exp` always, `nbf`/`iat` when present. */
export interface TimeClaims {
  exp: number;
  nbf?: number;
  iat?: number;
}

/**
 * `iat` later than now + tolerance. jose checks iat only against maxTokenAge, so the verifier
 * makes this check itself: a token issued in the future is not valid yet.
 */
export function issuedInFuture(iat: unknown, nowMs: number, toleranceSeconds: number): boolean {
  return typeof iat === 'number' && iat > nowMs / 1000 + toleranceSeconds;
}

/**
 * Whether every time check verify() made would still pass at `nowMs`: jose's exp and nbf checks
 * with jose's arithmetic (whole seconds, floored, as its epoch() computes them), then
 * issuedInFuture. Replayed exactly, so a cached answer is never given when a fresh verification
 * would refuse, even if the clock has stepped back before nbf or iat.
 */
export function timeClaimsPass(
  { exp, nbf, iat }: TimeClaims,
  nowMs: number,
  toleranceSeconds: number,
): boolean {
  const now = Math.floor(nowMs / 1000);
  return (
    exp > now - toleranceSeconds &&
    !(nbf !== undefined && nbf > now + toleranceSeconds) &&
    !issuedInFuture(iat, nowMs, toleranceSeconds)
  );
}
