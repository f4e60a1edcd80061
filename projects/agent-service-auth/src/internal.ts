// This repo's own entry into the server package's internals, for the gateway, the bench, the
// deploy tests and the shared test support: NOT public API, not in package.json's exports, free
// to change with any commit. Apps use `@texera/agent-service-auth` and its `./elysia` entry.
export { admitAgentToken, type Admitted, type Refused } from './admit.js';
export { IDENTITY_HEADERS, type IdentityHeader } from './identity-headers.js';
export { AGENT_API_PATH, AUTH_PATH_PREFIX, isUnderPath, MODELS_API_PATH } from './paths.js';
export { TEXERA_DEV_SECRET, texeraKeyBytes } from './texera-key.js';
