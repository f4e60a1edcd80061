import type { AgentAuthFailure } from '@texera/agent-auth';

/** One line in the notice stack: failures of the same kind are counted, not repeated. */
export interface Notice {
  readonly key: string;
  /** The latest failure of this kind. */
  readonly failure: AgentAuthFailure;
  readonly count: number;
  readonly title: string;
  readonly detail: string;
  /**
   * `info` for "you are not signed in", which is where every visit starts, not an error (Texera
   * shows its sign-in page); `warn` for a 403; `error` for a session that ended badly.
   */
  readonly tone: 'info' | 'warn' | 'error';
}

const TITLES: Record<AgentAuthFailure['reason'], string> = {
  missing: 'Signed out',
  expired: 'Session expired',
  rejected: 'Token rejected',
  forbidden: 'Not allowed',
  'token-replaced': 'Signed in again',
  'signed-out': 'Signed out in another tab',
};

const DETAILS: Record<AgentAuthFailure['reason'], string> = {
  missing: 'There is no usable token, so nothing was sent. Sign in to use the agents.',
  expired: 'The token is past its expiry: nothing more was sent. Sign in again.',
  rejected: 'The agent service refused the token; it was cleared. Sign in again.',
  forbidden: 'Your role may not use the agent service. Your token was kept.',
  'token-replaced':
    'A call made with your previous token was refused; the new one is used and you stay signed in.',
  'signed-out': 'You signed out in another tab, so this tab closed its agent connections.',
};

function toneOf(failure: AgentAuthFailure): Notice['tone'] {
  if (failure.reason === 'missing') return 'info';
  return failure.status === 403 ? 'warn' : 'error';
}

/**
 * Adds a failure to the stack, newest first. The same status, reason and channel add up, so a
 * burst of twenty 401s reads as one notice "×20" rather than twenty.
 */
export function addNotice(notices: readonly Notice[], failure: AgentAuthFailure): Notice[] {
  const key = `${failure.status} ${failure.reason} ${failure.channel}`;
  const existing = notices.find((notice) => notice.key === key);
  const others = notices.filter((notice) => notice.key !== key);
  return [
    {
      key,
      failure,
      count: (existing?.count ?? 0) + 1,
      title: TITLES[failure.reason],
      detail: DETAILS[failure.reason],
      tone: toneOf(failure),
    },
    ...others,
  ];
}
