/** A line in the chat transcript. */
export interface ChatLine {
  readonly kind: 'user' | 'step' | 'status' | 'error';
  /** For steps: thought, tool or observation. */
  readonly label?: string;
  readonly text: string;
}

interface ReactFrame {
  type?: unknown;
  kind?: unknown;
  content?: unknown;
  user?: unknown;
  status?: unknown;
  steps?: unknown;
  message?: unknown;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Turns one react-socket frame (`ready`, `step`, `status`, `error` JSON) into a transcript
 * line; frames with nothing to show, or that are not JSON, give null.
 */
export function describeFrame(data: unknown): ChatLine | null {
  if (typeof data !== 'string') return null;
  let frame: ReactFrame;
  try {
    frame = JSON.parse(data) as ReactFrame;
  } catch {
    return null;
  }
  switch (frame.type) {
    case 'ready':
      return { kind: 'status', text: `connected as ${text(frame.user) ?? 'unknown user'}` };
    case 'step': {
      const content = text(frame.content);
      return content ? { kind: 'step', label: text(frame.kind) ?? 'step', text: content } : null;
    }
    case 'status': {
      const steps = typeof frame.steps === 'number' ? ` · ${frame.steps} steps` : '';
      return { kind: 'status', text: `${text(frame.status) ?? 'done'}${steps}` };
    }
    case 'error':
      return { kind: 'error', text: text(frame.message) ?? 'The agent reported an error.' };
    default:
      return null;
  }
}
