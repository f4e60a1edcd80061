import type { WebSocket } from 'ws';
import type { AgentUser } from '../../projects/agent-service-auth/src/index.js';

/** Close code for "the token expired while the socket was open" (the library maps it to 401). */
export const CLOSE_TOKEN_EXPIRED = 4401;

/** Frames the stub sends; the shapes are documented in README.md. */
export type ReactFrame =
  | { type: 'ready'; agentId: string; user: string }
  | { type: 'step'; index: number; kind: 'thought' | 'tool' | 'observation'; content: string }
  | { type: 'status'; status: 'completed'; steps: number }
  | { type: 'error'; message: string };

const STEP_DELAY_MS = 40;
/** setTimeout's ceiling (about 24.8 days); a longer wait is taken in several hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The steps a prompt produces: a canned ReAct trace, enough for a UI to render. */
export function reactSteps(prompt: string): Extract<ReactFrame, { type: 'step' }>[] {
  const topic = prompt.length > 80 ? `${prompt.slice(0, 77)}...` : prompt;
  return [
    {
      type: 'step',
      index: 1,
      kind: 'thought',
      content: `The user asks: "${topic}". I will look at the workflow first.`,
    },
    { type: 'step', index: 2, kind: 'tool', content: 'getWorkflow()' },
    {
      type: 'step',
      index: 3,
      kind: 'observation',
      content: 'The workflow has 3 operators: CSV Scan -> Filter -> Aggregate.',
    },
  ];
}

/** The prompt in a client frame, or null when the frame is not `{"type":"prompt","prompt":string}`. */
export function promptOf(data: string): string | null {
  try {
    const frame: unknown = JSON.parse(data);
    if (frame === null || typeof frame !== 'object') return null;
    const { type, prompt } = frame as Record<string, unknown>;
    return type === 'prompt' && typeof prompt === 'string' && prompt.trim() !== '' ? prompt : null;
  } catch {
    return null;
  }
}

/**
 * Runs one `/api/agents/:id/react` socket: answers prompts with step frames and a final status
 * frame, and closes with 4401 the moment the token's exp passes (no clock tolerance here:
 * tolerance only excuses skew at the check, not a session running past expiry).
 */
export function runReactSession(ws: WebSocket, agentId: string, user: AgentUser): void {
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

  ws.on('close', () => timers.forEach(clearTimeout));
  ws.on('message', (data, isBinary) => {
    const prompt = isBinary ? null : promptOf(data.toString());
    if (prompt === null) {
      send({ type: 'error', message: 'expected a text frame {"type":"prompt","prompt":"..."}' });
      return;
    }
    const steps = reactSteps(prompt);
    steps.forEach((step, i) => later(STEP_DELAY_MS * (i + 1), () => send(step)));
    later(STEP_DELAY_MS * (steps.length + 1), () =>
      send({ type: 'status', status: 'completed', steps: steps.length }),
    );
  });
  send({ type: 'ready', agentId, user: user.name });
  closeAtExpiry();
}
