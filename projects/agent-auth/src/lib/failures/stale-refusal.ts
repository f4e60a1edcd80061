import { type TokenVerdict, tokenFingerprint } from '../token/token';

/**
 * The stale-401 rule: a refusal of the token with fingerprint `sentFingerprint` says nothing
 * about the session when the stored token is now another one that is still usable.
 */
export function isStaleRefusal(sentFingerprint: string, stored: TokenVerdict): boolean {
  return stored.usable && tokenFingerprint(stored.token) !== sentFingerprint;
}
