import { RecentlySetMap } from './recently-set-map.js';
import { timeClaimsPass, type TimeClaims } from './time-claims.js';
import type { VerifiedUser } from './user.js';

export interface VerifiedTokenCache {
  /** A fresh copy of the user this exact token was verified as, while its time claims pass. */
  get(token: string, nowMs: number): VerifiedUser | undefined;
  /** Remembers a token that has just passed verification. */
  add(token: string, user: VerifiedUser, time: TimeClaims): void;
}

interface Entry {
  user: VerifiedUser;
  time: TimeClaims;
}

/**
 * Tokens that passed verification, keyed by the whole token string: a hit is the very bytes
 * whose signature was checked, so nothing but the clock needs judging again. At most `limit`
 * entries, the oldest dropped first; 0 keeps nothing. Two concurrent misses on one token both
 * add it, which evicts nobody (a key set again just becomes the newest). Callers only ever get copies,
 * so a mutated result cannot change what a later caller sees.
 */
export function createVerifiedTokenCache(
  limit: number,
  toleranceSeconds: number,
): VerifiedTokenCache {
  const entries = new RecentlySetMap<string, Entry>(limit);
  return {
    get(token, nowMs) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (timeClaimsPass(entry.time, nowMs, toleranceSeconds)) return { ...entry.user };
      // Verified afresh by the caller, which then reports why it no longer passes.
      entries.delete(token);
      return undefined;
    },
    add(token, user, time) {
      entries.set(token, { user: { ...user }, time });
    },
  };
}
