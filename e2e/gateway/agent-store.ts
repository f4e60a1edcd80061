/** The in-memory state of the agent-service stub: what its REST routes read and change. */

export interface Agent {
  id: string;
  name: string;
  modelType: string;
  ownerId: number;
  createdAt: string;
}

export interface AgentSettings {
  temperature: number;
  maxSteps: number;
  systemPrompt: string;
}

export const MODEL_TYPES = [
  { id: 'claude-sonnet', name: 'Claude Sonnet' },
  { id: 'gpt-4o-mini', name: 'GPT-4o mini' },
  { id: 'gemini-flash', name: 'Gemini Flash' },
];

const DEFAULT_SETTINGS: AgentSettings = {
  temperature: 0.2,
  maxSteps: 8,
  systemPrompt: 'You build Texera workflows.',
};

export class AgentStore {
  private readonly agents = new Map<string, { agent: Agent; settings: AgentSettings }>();
  private nextId = 1;

  constructor() {
    this.create({ name: 'Workflow assistant' }, 0);
  }

  list(): Agent[] {
    return [...this.agents.values()].map((entry) => entry.agent);
  }

  get(id: string): Agent | undefined {
    return this.agents.get(id)?.agent;
  }

  create(fields: { name?: unknown; modelType?: unknown }, ownerId: number): Agent {
    const id = String(this.nextId++);
    const agent: Agent = {
      id,
      name:
        typeof fields.name === 'string' && fields.name.trim()
          ? fields.name.trim().slice(0, 100)
          : `Agent ${id}`,
      modelType: MODEL_TYPES.some((m) => m.id === fields.modelType)
        ? String(fields.modelType)
        : MODEL_TYPES[0].id,
      ownerId,
      createdAt: new Date().toISOString(),
    };
    this.agents.set(id, { agent, settings: { ...DEFAULT_SETTINGS } });
    return agent;
  }

  settings(id: string): AgentSettings | undefined {
    return this.agents.get(id)?.settings;
  }

  /** Applies the known, well-typed fields of `patch`; returns null when none is valid. */
  updateSettings(id: string, patch: Record<string, unknown>): AgentSettings | null | undefined {
    const entry = this.agents.get(id);
    if (!entry) return undefined;
    const next = { ...entry.settings };
    let changed = false;
    const { temperature, maxSteps, systemPrompt } = patch;
    if (typeof temperature === 'number' && temperature >= 0 && temperature <= 2)
      [next.temperature, changed] = [temperature, true];
    if (
      typeof maxSteps === 'number' &&
      Number.isInteger(maxSteps) &&
      maxSteps > 0 &&
      maxSteps <= 100
    )
      [next.maxSteps, changed] = [maxSteps, true];
    if (typeof systemPrompt === 'string')
      [next.systemPrompt, changed] = [systemPrompt.slice(0, 4000), true];
    if (!changed) return null;
    entry.settings = next;
    return next;
  }

  delete(id: string): boolean {
    return this.agents.delete(id);
  }
}
