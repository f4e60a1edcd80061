/** A line in the chat transcript. */
export interface ChatLine {
  readonly kind: 'user' | 'step' | 'status' | 'error';
  /** For steps: thought, tool or answer. */
  readonly label?: string;
  readonly text: string;
}

/** The fields of Texera's react-socket frames the transcript reads; anything may be missing. */
interface ReactFrame {
  type?: unknown;
  state?: unknown;
  step?: { content?: unknown; isEnd?: unknown; toolCalls?: unknown; toolResults?: unknown };
  error?: unknown;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function state(value: unknown): string {
  return (text(value) ?? 'unknown').toLowerCase();
}

/** `getWorkflow() → result` for each tool call of a step; null when there is none. */
function toolText(calls: unknown, results: unknown): string | null {
  if (!Array.isArray(calls) || calls.length === 0) return null;
  const outputs = Array.isArray(results) ? results : [];
  return calls
    .map((call: { toolName?: unknown }, i) => {
      const output = text((outputs[i] as { output?: unknown } | undefined)?.output);
      return `${text(call?.toolName) ?? 'tool'}()${output ? ` → ${output}` : ''}`;
    })
    .join('; ');
}

/**
 * Turns one frame of Texera's react socket (`init`, `state`, `step`, `complete`, `error` JSON)
 * into a transcript line; frames with nothing to show, or that are not JSON, give null.
 */
export function describeFrame(data: unknown): ChatLine | null {
  if (typeof data !== 'string') return null;
  let frame: ReactFrame;
  try {
    frame = JSON.parse(data) as ReactFrame;
  } catch {
    return null;
  }
  switch (frame?.type) {
    case 'init':
      return { kind: 'status', text: `connected · agent ${state(frame.state)}` };
    case 'state':
      return { kind: 'status', text: state(frame.state) };
    case 'step': {
      const tools = toolText(frame.step?.toolCalls, frame.step?.toolResults);
      if (tools) return { kind: 'step', label: 'tool', text: tools };
      const content = text(frame.step?.content);
      const label = frame.step?.isEnd === true ? 'answer' : 'thought';
      return content ? { kind: 'step', label, text: content } : null;
    }
    case 'complete':
      return { kind: 'status', text: 'completed' };
    case 'error':
      return { kind: 'error', text: text(frame.error) ?? 'The agent reported an error.' };
    default:
      return null;
  }
}
