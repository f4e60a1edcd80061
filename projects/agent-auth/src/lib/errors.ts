import type { AgentAuthFailureReason } from './failures';

/**
 * Thrown (or errored through an observable) when an agent call cannot be made or was refused.
 * Its message names the reason and the redacted URL only, never the token.
 */
export class AgentAuthError extends Error {
  override readonly name = 'AgentAuthError';

  constructor(
    readonly status: 401 | 403,
    readonly reason: AgentAuthFailureReason,
    readonly url: string,
  ) {
    super(`agent-auth: ${status} (${reason}) for ${url}`);
  }
}
