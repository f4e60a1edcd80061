import type { AgentUser } from './user.js';

/**
 * The identity `/api/auth` answers with on success and the gateway copies onto the forwarded
 * request (Envoy Gateway's `headersToBackend`), overwriting anything the client sent.
 */
export const IDENTITY_HEADERS = ['x-user-id', 'x-user-name', 'x-user-email'] as const;

export type IdentityHeader = (typeof IDENTITY_HEADERS)[number];

const [ID, NAME, EMAIL] = IDENTITY_HEADERS;

/** Header values must be visible ASCII; anything else (a non-Latin name) is percent-encoded. */
export function identityHeaders(user: AgentUser): Record<IdentityHeader, string> {
  return {
    [ID]: String(user.uid),
    [NAME]: headerSafe(user.name),
    [EMAIL]: headerSafe(user.email),
  };
}

function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
