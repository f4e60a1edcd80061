// The paths the gateway routes besides the agent-service's and the models' (AGENT_API_PATH and
// MODELS_API_PATH, in the server package), as Texera's HTTPRoutes
// (bin/k8s/templates/gateway-routes.yaml) split them.

/** Paths under this that no route claims answer 404 (never the SPA's index.html). */
export const API_ROOT = '/api';
