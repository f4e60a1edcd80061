/**
 * The library's vocabulary: the statuses it acts on, why a call or socket failed, and the error
 * a caller receives. Every other file takes these names from here.
 */

/** 401: no usable token, or the server refused it. 403: the server refused the user's role. */
export type AgentAuthStatus = 401 | 403;

/**
 * Why an agent call or socket failed.
 * - `missing`, `expired`: judged in the browser; nothing was sent (or, for `expired`, an open
 *   socket reached its token's `exp` and the library closed it).
 * - `rejected` (401), `forbidden` (403): the server's answer.
 * - `token-replaced`: a 401 for a token that is no longer the stored one while the stored one is
 *   usable (signed in again, maybe in another tab). Nobody is signed out; an HTTP call is retried
 *   and a `connect()` socket reconnects with the stored token, an `open()` socket stays closed.
 * - `signed-out`: another tab removed the token; this tab's agent sockets were closed.
 */
export type AgentAuthFailureReason =
  'missing' | 'expired' | 'rejected' | 'forbidden' | 'token-replaced' | 'signed-out';

/** The reasons a token is unusable before anything is sent. */
export type TokenProblem = Extract<AgentAuthFailureReason, 'missing' | 'expired'>;

export type AgentAuthChannel = 'http' | 'socket';

/** One failed agent call or socket, as `AgentAuthFailures.failures$` emits it. */
export interface AgentAuthFailure {
  readonly status: AgentAuthStatus;
  readonly reason: AgentAuthFailureReason;
  readonly channel: AgentAuthChannel;
  /** Token redacted (see `redactToken`). */
  readonly url: string;
}

/**
 * Thrown (or errored through an observable) when an agent call cannot be made or was refused.
 * Its message names the reason and the redacted URL only, never the token.
 */
export class AgentAuthError extends Error {
  override readonly name = 'AgentAuthError';

  constructor(
    readonly status: AgentAuthStatus,
    readonly reason: AgentAuthFailureReason,
    readonly url: string,
  ) {
    super(`agent-auth: ${status} (${reason}) for ${url}`);
  }
}
