import type { WebSocket } from 'ws';
import type { AgentUser } from '../../projects/agent-service-auth/src/index.js';

/** Close code for "the token expired while the socket was open" (the library maps it to 401). */
export const CLOSE_TOKEN_EXPIRED = 4401;

/** Texera's agent states, as its server sends them. */
export type AgentStateName = 'AVAILABLE' | 'GENERATING' | 'STOPPING' | 'UNAVAILABLE';

/** The part of Texera's `ReActStep` the stub fills in. */
export interface ReActStep {
  id: string;
  parentId?: string;
  messageId: string;
  stepId: number;
  timestamp: number;
  role: 'user' | 'agent';
  content: string;
  isBegin: boolean;
  isEnd: boolean;
  messageSource: 'chat' | 'feedback';
  toolCalls?: { toolCallId: string; toolName: string; input: Record<string, unknown> }[];
  toolResults?: { toolCallId: string; toolName: string; output: string }[];
}

/** Frames the stub sends: Texera's server-to-client frames (shapes documented in README.md). */
export type ReactFrame =
  | { type: 'init'; state: AgentStateName; steps: ReActStep[]; headId: string | null }
  | { type: 'step'; step: ReActStep }
  | { type: 'state'; state: AgentStateName }
  | { type: 'complete'; state: AgentStateName }
  | { type: 'error'; error: string };

const STEP_DELAY_MS = 40;
/** setTimeout's ceiling (about 24.8 days); a longer wait is taken in several hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The steps one message produces: a canned ReAct trace, enough for a UI to render. */
export function reactSteps(
  content: string,
  messageId: string,
  messageSource: ReActStep['messageSource'],
  parentId?: string,
): ReActStep[] {
  const topic = content.length > 80 ? `${content.slice(0, 77)}...` : content;
  const call = { toolCallId: `${messageId}-call-1`, toolName: 'getWorkflow' };
  const bodies: Pick<ReActStep, 'content' | 'toolCalls' | 'toolResults'>[] = [
    { content: `The user asks: "${topic}". I will look at the workflow first.` },
    {
      content: '',
      toolCalls: [{ ...call, input: {} }],
      toolResults: [{ ...call, output: '3 operators: CSV Scan -> Filter -> Aggregate' }],
    },
    { content: 'The workflow scans a CSV file, filters the rows and aggregates them.' },
  ];
  const steps: ReActStep[] = [];
  bodies.forEach((body, i) => {
    const id = `${messageId}-${i + 1}`;
    steps.push({
      id,
      parentId: steps.at(-1)?.id ?? parentId,
      messageId,
      stepId: i + 1,
      timestamp: Date.now(),
      role: 'agent',
      isBegin: i === 0,
      isEnd: i === bodies.length - 1,
      messageSource,
      ...body,
    });
  });
  return steps;
}

/**
 * The message in a client frame (`{"type":"message","content":string,"messageSource"?}`), or the
 * error frame Texera answers with.
 */
export function messageOf(
  data: string,
): { content: string; source: ReActStep['messageSource'] } | { error: string } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { error: 'Invalid message format' };
  }
  if (frame === null || typeof frame !== 'object') return { error: 'Invalid message format' };
  const { type, content, messageSource } = frame as Record<string, unknown>;
  if (type !== 'message') return null;
  if (typeof content !== 'string' || content.trim() === '')
    return { error: 'Message content is required' };
  return { content, source: messageSource === 'feedback' ? 'feedback' : 'chat' };
}

/**
 * Runs one `/api/agents/:id/react` socket as Texera's does: `init` on open; for each message a
 * `state` GENERATING frame, the step frames and a `complete` frame. It closes with 4401 the
 * moment the token's exp passes (no clock tolerance here: tolerance only excuses skew at the
 * check, not a session running past expiry).
 */
export function runReactSession(ws: WebSocket, user: AgentUser): void {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const send = (frame: ReactFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const closeAtExpiry = () => {
    const left = user.exp * 1000 - Date.now();
    if (left > 0) later(Math.min(left, MAX_TIMER_MS), closeAtExpiry);
    else ws.close(CLOSE_TOKEN_EXPIRED, 'token expired');
  };
  let messages = 0;
  let head: string | undefined;

  ws.on('close', () => timers.forEach(clearTimeout));
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? { error: 'Invalid message format' } : messageOf(data.toString());
    if (message === null) return;
    if ('error' in message) return send({ type: 'error', error: message.error });
    const steps = reactSteps(message.content, `msg-${++messages}`, message.source, head);
    head = steps.at(-1)?.id;
    send({ type: 'state', state: 'GENERATING' });
    steps.forEach((step, i) => later(STEP_DELAY_MS * (i + 1), () => send({ type: 'step', step })));
    later(STEP_DELAY_MS * (steps.length + 1), () => send({ type: 'complete', state: 'AVAILABLE' }));
  });
  send({ type: 'init', state: 'AVAILABLE', steps: [], headId: null });
  closeAtExpiry();
}
