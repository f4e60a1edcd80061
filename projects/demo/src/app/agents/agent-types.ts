/** Texera agent-service wire shapes (its `AgentService` in frontend/.../service/agent). */

/** Texera's `AgentSettingsApi`; the demo edits a few of its fields. */
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

export interface AgentInfo {
  readonly id: string;
  readonly name: string;
  readonly modelType: string;
  /** AVAILABLE | GENERATING | STOPPING | UNAVAILABLE */
  readonly state: string;
  readonly createdAt: string;
}

/** `GET /api/agents` */
export interface AgentListResponse {
  readonly agents: AgentInfo[];
}

/** `GET api/agents/models`: LiteLLM's OpenAI-style model list. */
export interface LiteLLMModelsResponse {
  readonly data: { readonly id: string }[];
}

export interface ModelType {
  readonly id: string;
  readonly name: string;
}
