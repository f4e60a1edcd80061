import { HttpErrorResponse } from '@angular/common/http';

/** The HTTP status of a failed call; 0 is a network error, -1 not an HTTP error at all. */
export function statusOf(err: unknown): number {
  return err instanceof HttpErrorResponse ? err.status : -1;
}

/** A short, token-free description of a failed call for the page. */
export function describeHttpError(err: unknown): string {
  if (err instanceof HttpErrorResponse) {
    return err.status === 0 ? 'network error' : `${err.status} ${err.statusText}`.trim();
  }
  return err instanceof Error ? err.message : 'unknown error';
}

/** "200 ×18, 401 ×2": how a burst of calls was answered. */
export function tallyStatuses(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'network error' : status} ×${count}`)
    .join(', ');
}
