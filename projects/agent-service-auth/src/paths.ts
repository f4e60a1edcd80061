/** Where the agent-service lives: Texera's `API_PREFIX` (`/api`) + its `/agents` router. */
export const AGENT_API_PATH = '/api/agents';

/**
 * LiteLLM's model list, relayed by the access-control-service (Texera's `fetchModelTypes` calls
 * `api/models`), which checks the token itself: no gateway check in front of it.
 */
export const MODELS_API_PATH = '/api/models';

/**
 * The access-control-service's check route: Envoy's ext_authz `path_prefix` in Texera's
 * SecurityPolicy, to which the original path is appended.
 */
export const AUTH_PATH_PREFIX = '/api/auth';

/**
 * Whether `path` is `prefix` itself or lies below it at a segment boundary: `/api/agents/1` is
 * under `/api/agents`, `/api/agentsX` is not. `prefix` has no trailing slash.
 */
export function isUnderPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
