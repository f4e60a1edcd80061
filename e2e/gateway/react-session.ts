/** Texera's react socket protocol, as the stub speaks it: frames, steps and the handlers. */
import {
  agentSocketClosed,
  agentSocketOpened,
  type GuardedSocket,
} from '../../projects/agent-service-auth/src/elysia.js';
import type { AgentStore } from './agent-store.js';

/** The part of Elysia's socket the react handlers use. */
export interface AgentWS extends GuardedSocket {
  data: { params: Record<string, string | undefined> };
  send(data: string): unknown;
}

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
 * error frame Texera answers with; null for other frame types (Texera's `stop`), which the stub
 * ignores. Elysia hands over a JSON text frame parsed on Bun and as text on Node: both are read.
 */
export function messageOf(
  data: unknown,
): { content: string; source: ReActStep['messageSource'] } | { error: string } | null {
  let frame = data;
  if (typeof data === 'string') {
    try {
      frame = JSON.parse(data);
    } catch {
      return { error: 'Invalid message format' };
    }
  }
  if (frame === null || typeof frame !== 'object' || Array.isArray(frame))
    return { error: 'Invalid message format' };
  const { type, content, messageSource } = frame as Record<string, unknown>;
  if (type !== 'message') return null;
  if (typeof content !== 'string' || content.trim() === '')
    return { error: 'Message content is required' };
  return { content, source: messageSource === 'feedback' ? 'feedback' : 'chat' };
}

interface Session {
  messages: number;
  head?: string;
  timers: Set<ReturnType<typeof setTimeout>>;
}

/**
 * The react socket's handlers in Texera's shape (`open(ws)`, `message(ws, data)`, `close(ws)`,
 * the agent id read from `ws.data.params`): `init` on open; for each message a `state`
 * GENERATING frame, the step frames and a `complete` frame. An unknown agent gets Texera's error
 * frame and a close. The socket guard's open and close hooks come first, as in Texera's server.ts.
 */
export function reactHandlers(store: AgentStore) {
  const sessions = new WeakMap<object, Session>();
  // No readyState check: @elysiajs/node's socket has none. A closed session's timers are
  // cleared in close(), so nothing is sent after it.
  // Returns nothing on purpose: Elysia sends whatever a handler returns as one more frame.
  const send = (ws: AgentWS, frame: ReactFrame): void => {
    ws.send(JSON.stringify(frame));
  };
  const later = (session: Session, ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      session.timers.delete(timer);
      fn();
    }, ms);
    session.timers.add(timer);
  };
  return {
    open(ws: AgentWS) {
      if (!agentSocketOpened(ws)) return;
      if (!store.get(ws.data.params['id'] ?? '')) {
        send(ws, { type: 'error', error: 'Agent not found' });
        ws.close();
        return;
      }
      sessions.set(ws.data, { messages: 0, timers: new Set() });
      send(ws, { type: 'init', state: 'AVAILABLE', steps: [], headId: null });
    },
    message(ws: AgentWS, data: unknown) {
      const session = sessions.get(ws.data);
      if (!session) return;
      const message = Buffer.isBuffer(data) ? { error: 'Invalid message format' } : messageOf(data);
      if (message === null) return;
      if ('error' in message) return send(ws, { type: 'error', error: message.error });
      const id = `msg-${++session.messages}`;
      const steps = reactSteps(message.content, id, message.source, session.head);
      session.head = steps.at(-1)?.id;
      send(ws, { type: 'state', state: 'GENERATING' });
      steps.forEach((step, i) =>
        later(session, STEP_DELAY_MS * (i + 1), () => send(ws, { type: 'step', step })),
      );
      later(session, STEP_DELAY_MS * (steps.length + 1), () =>
        send(ws, { type: 'complete', state: 'AVAILABLE' }),
      );
    },
    close(ws: AgentWS) {
      agentSocketClosed(ws);
      sessions.get(ws.data)?.timers.forEach(clearTimeout);
      sessions.delete(ws.data);
    },
  };
}
