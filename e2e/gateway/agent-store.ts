/**
 * The in-memory state of the agent-service stub: what its REST routes read and change, in the
 * wire shapes of Texera's agent-service (agent-service/src/server.ts in apache/texera).
 */
import type { AgentUser } from '../../projects/agent-service-auth/src/index.js';

/** Texera's `AgentSettingsDto`: what `GET|PATCH /api/agents/:id/settings` carry. */
export interface AgentSettings {
  maxOperatorResultCharLimit: number;
  maxOperatorResultCellCharLimit: number;
  operatorResultSerializationMode: 'tsv';
  toolTimeoutSeconds: number;
  executionTimeoutMinutes: number;
  disabledTools: string[];
  maxSteps: number;
  allowedOperatorTypes: string[];
}

/** Texera's `AgentInfo`, as `GET /api/agents` lists it and `POST /api/agents` returns it. */
export interface Agent {
  id: string;
  name: string;
  modelType: string;
  state: 'AVAILABLE';
  createdAt: string;
  /** The user the agent acts for; Texera masks the delegated token as `***`. */
  delegate?: {
    userToken: '***';
    userInfo: { uid: number; name: string; email: string; role: string };
  };
  settings: AgentSettings;
}

/** `GET /api/agents/models`: LiteLLM's OpenAI-style model list, which Texera relays. */
export const MODELS = {
  object: 'list',
  data: ['claude-sonnet-4', 'gpt-4o-mini', 'gemini-2.5-flash'].map((id) => ({
    id,
    object: 'model',
    created: 1_700_000_000,
    owned_by: 'openai',
  })),
};

/** `GET /api/agents/:id/operator-types`: Texera's `{ type, description }` list (a few of them). */
export const OPERATOR_TYPES = [
  { type: 'CSVFileScan', description: 'Scan data from a CSV file' },
  { type: 'Filter', description: 'Keep the tuples that satisfy the conditions' },
  { type: 'Aggregate', description: 'Compute an aggregate over groups of tuples' },
  { type: 'Projection', description: 'Keep some of the columns' },
];

/** `GET /api/agents/:id/system-info`: what the agent is told and may call. */
export const SYSTEM_INFO = {
  systemPrompt: 'You are a Texera workflow assistant.',
  tools: ['getWorkflow', 'addOperator', 'runWorkflow'].map((name) => ({ name })),
};

/** The workflow an agent edits (Texera's WorkflowContent), empty in the stub. */
export const EMPTY_WORKFLOW = {
  operators: [],
  operatorPositions: {},
  links: [],
  commentBoxes: [],
  settings: { dataTransferBatchSize: 400 },
};

const DEFAULT_SETTINGS: AgentSettings = {
  maxOperatorResultCharLimit: 20_000,
  maxOperatorResultCellCharLimit: 4_000,
  operatorResultSerializationMode: 'tsv',
  toolTimeoutSeconds: 120,
  executionTimeoutMinutes: 10,
  disabledTools: [],
  maxSteps: 10,
  allowedOperatorTypes: [],
};

const COUNTS = [
  'maxOperatorResultCharLimit',
  'maxOperatorResultCellCharLimit',
  'toolTimeoutSeconds',
  'executionTimeoutMinutes',
  'maxSteps',
] as const;
const LISTS = ['disabledTools', 'allowedOperatorTypes'] as const;

const isCount = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 1_000_000;
const isNames = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= 200 && value.every((v) => typeof v === 'string');

/**
 * The settings with the patch's fields applied, or the name of the first field of the wrong type
 * (Texera answers 400 to a body its schema rejects). Unknown fields are ignored.
 */
export function patchSettings(
  settings: AgentSettings,
  patch: Record<string, unknown>,
): AgentSettings | { invalid: string } {
  const next = { ...settings };
  for (const key of COUNTS) {
    if (patch[key] === undefined) continue;
    if (!isCount(patch[key])) return { invalid: key };
    next[key] = patch[key] as number;
  }
  for (const key of LISTS) {
    const value = patch[key];
    if (value === undefined) continue;
    if (!isNames(value)) return { invalid: key };
    next[key] = [...value];
  }
  const mode = patch['operatorResultSerializationMode'];
  if (mode !== undefined && mode !== 'tsv') return { invalid: 'operatorResultSerializationMode' };
  return next;
}

export class AgentStore {
  private readonly agents = new Map<string, Agent>();
  private nextId = 1;

  constructor() {
    this.create({ name: 'Workflow assistant', modelType: MODELS.data[0].id });
  }

  list(): Agent[] {
    return [...this.agents.values()];
  }

  get(id: string): Agent | undefined {
    return this.agents.get(id);
  }

  create(fields: { name?: unknown; modelType: string }, user?: AgentUser): Agent {
    const id = String(this.nextId++);
    const agent: Agent = {
      id,
      name:
        typeof fields.name === 'string' && fields.name.trim()
          ? fields.name.trim().slice(0, 100)
          : `Agent ${id}`,
      modelType: fields.modelType,
      state: 'AVAILABLE',
      createdAt: new Date().toISOString(),
      delegate: user && {
        userToken: '***',
        userInfo: { uid: user.uid, name: user.name, email: user.email, role: user.role },
      },
      settings: { ...DEFAULT_SETTINGS },
    };
    this.agents.set(id, agent);
    return agent;
  }

  /** Applies `patch` to the agent's settings (see `patchSettings`) unless a field is invalid. */
  updateSettings(agent: Agent, patch: Record<string, unknown>): ReturnType<typeof patchSettings> {
    const next = patchSettings(agent.settings, patch);
    if (!('invalid' in next)) agent.settings = next;
    return next;
  }

  delete(id: string): boolean {
    return this.agents.delete(id);
  }
}
