// The paths the gateway routes besides the agent-service's (AGENT_API_PREFIX, in the server
// package), as Texera's HTTPRoutes (bin/k8s/templates/gateway-routes.yaml) split them.

/** Paths under this that no route claims answer 404 (never the SPA's index.html). */
export const API_ROOT = '/api';

/**
 * LiteLLM's model list, relayed by the access-control-service (Texera's `fetchModelTypes` calls
 * `api/models`). Routed straight to that service, which checks the token itself: no ext_authz.
 */
export const MODELS_API_PREFIX = '/api/models';
