import { InjectionToken } from '@angular/core';

import type { AgentAuthFailure } from '../failures/failure';
import { readStoredToken } from '../token/stored-token';

/** What a tokenGetter may hand back; anything but a non-empty string means "no token". */
export type TokenResult = string | null | undefined;

/** Every key is optional; see the README's config table for the defaults. */
export interface AgentAuthConfig {
  /** Read fresh for every request and socket connect. Default: `localStorage["access_token"]`. */
  tokenGetter?: () => TokenResult | Promise<TokenResult>;
  /**
   * Paths whose calls carry the token: each path itself or below it. Default
   * `['/api/agents', '/api/models']` (the agent-service, and the model list Texera's
   * `fetchModelTypes` reads from the access-control-service). The socket probe uses the first.
   */
  apiPaths?: readonly string[];
  /** Extra exact origins (`https://agents.example:8443`) that also get the token. Default none. */
  allowedOrigins?: readonly string[];
  /** Default `Authorization`. */
  headerName?: string;
  /** Default `Bearer`. */
  authScheme?: string;
  /**
   * Query parameter that carries the token on socket URLs (and that is redacted from every URL
   * the library reports). Default `access-token`, what the agent-service reads.
   */
  tokenQueryParam?: string;
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

/** Where Texera mounts the agent-service. */
export const AGENT_API_PATH = '/api/agents';
/** Where Texera's access-control-service serves the LLM model list (`fetchModelTypes`). */
export const MODELS_API_PATH = '/api/models';
/** The query parameter the agent-service reads a socket's token from. */
export const TOKEN_QUERY_PARAM = 'access-token';

function parseUrlOrNull(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/**
 * An origin exactly as the URL parser serializes it (lower-case host, default port dropped),
 * so that comparing it with a request's origin is plain string equality. Anything that is not
 * a bare http(s) origin is a configuration mistake, and one that could widen where the token goes.
 */
function exactOrigin(entry: string): string {
  const url = parseUrlOrNull(entry);
  const bare =
    url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  // "*" would parse as a literal host character; nobody writing it means that.
  if (!url || !bare || !/^https?:$/.test(url.protocol) || entry.includes('*')) {
    // Each message's explanation ships in development builds only (production defines ngDevMode
    // as false and the minifier drops it); the short form still names the key.
    throw new TypeError(
      typeof ngDevMode === 'undefined' || ngDevMode
        ? `agent-auth: allowedOrigins entry "${entry}" is not an exact http(s) origin (scheme://host[:port], no wildcards)`
        : 'agent-auth: allowedOrigins',
    );
  }
  return url.origin;
}

const PATH_BASE = 'http://path.invalid';

/**
 * An API path normalized the way request paths are (leading "/", dot segments, encoding) and
 * without a trailing slash, which would make "/api/agents/" the path and "/api/agents" foreign.
 */
function apiPath(written: string, key: string): string {
  const url = typeof written === 'string' ? parseUrlOrNull(written, PATH_BASE + '/') : null;
  const path = url?.pathname.replace(/\/+$/, '') ?? '';
  if (!url || url.origin !== PATH_BASE || url.search || url.hash || path === '') {
    throw new TypeError(
      typeof ngDevMode === 'undefined' || ngDevMode
        ? `agent-auth: ${key} entry "${written}" is not a path below the root`
        : `agent-auth: ${key}`,
    );
  }
  return path;
}

function apiPaths(config: AgentAuthConfig): readonly string[] {
  const written = config.apiPaths ?? [AGENT_API_PATH, MODELS_API_PATH];
  if (!Array.isArray(written) || written.length === 0) {
    throw new TypeError(
      typeof ngDevMode === 'undefined' || ngDevMode
        ? 'agent-auth: apiPaths must list at least one path'
        : 'agent-auth: apiPaths',
    );
  }
  return [...new Set(written.map((path) => apiPath(path, 'apiPaths')))];
}

/** Throws a TypeError naming the key on a config that would make the rules mean something else. */
export function resolveConfig(config: AgentAuthConfig = {}): ResolvedAgentAuthConfig {
  const loginRoute = config.loginRoute ?? '/login';
  const leewaySeconds = config.leewaySeconds ?? 0;
  // NaN would make every expired token look fresh; a negative leeway has no meaning.
  if (!Number.isFinite(leewaySeconds) || leewaySeconds < 0) {
    throw new TypeError(
      typeof ngDevMode === 'undefined' || ngDevMode
        ? 'agent-auth: leewaySeconds must be a finite number >= 0'
        : 'agent-auth: leewaySeconds',
    );
  }
  // Frozen: the scope memo is keyed by this object and must never see it change.
  return Object.freeze({
    tokenGetter: config.tokenGetter ?? readStoredToken,
    apiPaths: Object.freeze(apiPaths(config)),
    allowedOrigins: Object.freeze((config.allowedOrigins ?? []).map(exactOrigin)),
    headerName: config.headerName ?? 'Authorization',
    authScheme: config.authScheme ?? 'Bearer',
    tokenQueryParam: config.tokenQueryParam ?? TOKEN_QUERY_PARAM,
    leewaySeconds,
    loginRoute,
    forbiddenRoute: config.forbiddenRoute ?? loginRoute,
    onUnauthorized: config.onUnauthorized,
  });
}

export const AGENT_AUTH_CONFIG = new InjectionToken<ResolvedAgentAuthConfig>('AGENT_AUTH_CONFIG', {
  providedIn: 'root',
  factory: () => resolveConfig(),
});
