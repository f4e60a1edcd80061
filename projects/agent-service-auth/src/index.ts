export {
  AgentAuthConfigError,
  AgentAuthError,
  type AgentAuthConfigErrorCode,
  type AgentAuthErrorCode,
} from './errors.js';
export { loadJwtSecret, type LoadJwtSecretOptions } from './secret.js';
export {
  createAgentTokenVerifier,
  texeraKeyBytes,
  MAX_TOKEN_LENGTH,
  type AgentTokenVerifier,
  type AgentTokenVerifierOptions,
} from './verifier.js';
export {
  extractAgentToken,
  headerValue,
  TOKEN_BODY_FIELD,
  TOKEN_QUERY_PARAM,
  type AgentRequestLike,
  type FetchHeadersLike,
  type NodeHeaders,
} from './extract.js';
export {
  AGENT_API_PREFIX,
  AGENT_METHODS,
  AUTH_PATH_PREFIX,
  agentPath,
  createAgentAuthorizer,
  identityHeaders,
  type AgentAuthDecision,
  type AuthorizeAgentRequest,
} from './authorize.js';
export { AGENT_ROLES, isAgentRole, type AgentUser, type TexeraRole } from './user.js';
export { redactTokens } from './redact.js';
