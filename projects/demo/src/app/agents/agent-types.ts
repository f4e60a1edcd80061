/** The agent-service's wire shapes (the gateway's stub; see e2e/gateway/README.md). */

export interface AgentSettings {
  temperature: number;
  maxSteps: number;
  systemPrompt: string;
}

export interface AgentInfo {
  readonly id: string;
  readonly name: string;
  readonly modelType: string;
  readonly createdAt: string;
}

export interface ModelType {
  readonly id: string;
  readonly name: string;
}
