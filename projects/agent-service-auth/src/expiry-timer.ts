/** setTimeout's ceiling (about 24.8 days); a longer wait is taken in several hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A pending call that can be cancelled. */
export interface ExpiryTimer {
  cancel(): void;
}

/**
 * Calls `expire` once the clock reaches `exp` (seconds since the epoch), at once when it already
 * has. No clock tolerance: the tolerance excuses skew at the check, not a session running past
 * expiry. Waits longer than a timer can hold are taken in hops, re-reading the clock each time.
 */
export function atExpiry(
  exp: number,
  expire: () => void,
  now: () => number = Date.now,
): ExpiryTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = () => {
    const left = exp * 1000 - now();
    timer = left > 0 ? setTimeout(wait, Math.min(left, MAX_TIMER_MS)) : undefined;
    if (timer === undefined) expire();
  };
  wait();
  return { cancel: () => clearTimeout(timer) };
}
