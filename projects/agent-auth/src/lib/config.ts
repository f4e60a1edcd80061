import { InjectionToken } from '@angular/core';

import type { AgentAuthFailure } from './failures';

/** What a tokenGetter may hand back; anything but a non-empty string means "no token". */
export type TokenResult = string | null | undefined;

/** Every key is optional; see the README's config table for the defaults. */
export interface AgentAuthConfig {
  /** Read fresh for every request and socket connect. Default: `localStorage["access_token"]`. */
  tokenGetter?: () => TokenResult | Promise<TokenResult>;
  /** Path the agent-service is mounted on. Default `/api/agents`. */
  apiPrefix?: string;
  /** Extra exact origins (`https://agents.example:8443`) that also get the token. Default none. */
  allowedOrigins?: readonly string[];
  /** Default `Authorization`. */
  headerName?: string;
  /** Default `Bearer`. */
  authScheme?: string;
  /** Query parameter that carries the token on WebSocket URLs. Default `access-token`. */
  socketTokenParam?: string;
  /** Seconds past `exp` a token is still sent, for a browser clock ahead of the server's. Default 0. */
  leewaySeconds?: number;
  /** Default `/login`. */
  loginRoute?: string;
  /** Where a 403 goes. Defaults to `loginRoute`. */
  forbiddenRoute?: string;
  /** Runs on a 401 before the redirect, e.g. Texera's `userService.logout()`. */
  onUnauthorized?: (failure: AgentAuthFailure) => void | Promise<void>;
}

export type ResolvedAgentAuthConfig = Required<Omit<AgentAuthConfig, 'onUnauthorized'>> &
  Pick<AgentAuthConfig, 'onUnauthorized'>;

export const ACCESS_TOKEN_KEY = 'access_token';

/** SSR-safe: no `localStorage` (server, sandboxed iframe, privacy mode) simply means no token. */
export function readStoredToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(ACCESS_TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

export function resolveConfig(config: AgentAuthConfig = {}): ResolvedAgentAuthConfig {
  const loginRoute = config.loginRoute ?? '/login';
  return {
    tokenGetter: config.tokenGetter ?? readStoredToken,
    // A trailing slash would make "/api/agents/" the prefix and "/api/agents" itself foreign.
    apiPrefix: (config.apiPrefix ?? '/api/agents').replace(/\/+$/, ''),
    allowedOrigins: [...(config.allowedOrigins ?? [])],
    headerName: config.headerName ?? 'Authorization',
    authScheme: config.authScheme ?? 'Bearer',
    socketTokenParam: config.socketTokenParam ?? 'access-token',
    leewaySeconds: config.leewaySeconds ?? 0,
    loginRoute,
    forbiddenRoute: config.forbiddenRoute ?? loginRoute,
    onUnauthorized: config.onUnauthorized,
  };
}

export const AGENT_AUTH_CONFIG = new InjectionToken<ResolvedAgentAuthConfig>('AGENT_AUTH_CONFIG', {
  providedIn: 'root',
  factory: () => resolveConfig(),
});
