import {
  createAgentTokenVerifier,
  type AgentTokenVerifier,
  type AgentTokenVerifierOptions,
} from './verifier.js';

/** How the plugin gets its verifier: one made once at startup (shared), or a secret to make one. */
export type AgentAuthOptions =
  | { verifier: AgentTokenVerifier }
  | { secret: string; verifierOptions?: AgentTokenVerifierOptions };

export function verifierOf(options: AgentAuthOptions): AgentTokenVerifier {
  if ('verifier' in options && options.verifier) return options.verifier;
  if ('secret' in options) return createAgentTokenVerifier(options.secret, options.verifierOptions);
  throw new TypeError('agent-service-auth: pass { verifier } or { secret }');
}
