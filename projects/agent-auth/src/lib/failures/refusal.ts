import { HttpErrorResponse } from '@angular/common/http';

import type { AgentAuthFailure } from './failure';

/** What an agent call's error means: a 401 or 403 from the server; null for anything else. */
export function refusalOf(error: unknown): Pick<AgentAuthFailure, 'status' | 'reason'> | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  if (error.status === 401) return { status: 401, reason: 'rejected' };
  if (error.status === 403) return { status: 403, reason: 'forbidden' };
  return null;
}
