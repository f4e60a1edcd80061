/** Where Texera keeps its JWT (shared by every tab of the origin). */
export const ACCESS_TOKEN_KEY = 'access_token';

/**
 * The default tokenGetter: Texera's `localStorage["access_token"]`. SSR-safe: no `localStorage`
 * (server, sandboxed iframe, privacy mode) simply means no token.
 */
export function readStoredToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(ACCESS_TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}
