// The public surface: what an agent-service needs to load the secret, verify tokens and make
// (or re-make) the /api/auth decision. Everything else under src/ is internal to this repo.
export {
  AgentTokenError,
  JwtSecretError,
  type AgentTokenErrorCode,
  type JwtSecretErrorCode,
} from './errors.js';
export { loadJwtSecret, type LoadJwtSecretOptions } from './secret.js';
export {
  createAgentTokenVerifier,
  type AgentTokenVerifier,
  type AgentTokenVerifierOptions,
  type JwtSecretSource,
} from './verifier.js';
export {
  extractAgentToken,
  type AgentRequestLike,
  type FetchHeadersLike,
  type NodeHeaders,
} from './extract.js';
export {
  createAgentAuthorizer,
  type AgentAuthDecision,
  type AuthorizeAgentRequest,
} from './authorize.js';
export type { AgentRole, AgentUser, TexeraRole, VerifiedUser } from './user.js';
export { redactTokens } from './redact.js';
