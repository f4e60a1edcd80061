/**
 * Texera keeps the JWT in `localStorage["access_token"]` (its `AuthService.getAccessToken`);
 * the demo does the same, so angular-jwt, the library's default getter and the pages agree.
 */
export const ACCESS_TOKEN_KEY = 'access_token';

export function getAccessToken(): string | null {
  return localStorage.getItem(ACCESS_TOKEN_KEY);
}

export function storeAccessToken(token: string): void {
  localStorage.setItem(ACCESS_TOKEN_KEY, token);
}

/** What Texera's `userService.logout()` does to the token: the user has to sign in again. */
export function clearAccessToken(): void {
  localStorage.removeItem(ACCESS_TOKEN_KEY);
}
