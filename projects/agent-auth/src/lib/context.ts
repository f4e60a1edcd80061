import { HttpContextToken } from '@angular/common/http';

/** Set to `true` on a request's `HttpContext` to send it without the agent token. */
export const SKIP_AGENT_AUTH = new HttpContextToken<boolean>(() => false);
