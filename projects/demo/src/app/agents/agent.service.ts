import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AgentSocketFactory } from '@texera/agent-auth';
import { Observable, catchError, map, of, shareReplay } from 'rxjs';

import type {
  AgentInfo,
  AgentListResponse,
  AgentSettings,
  LiteLLMModelsResponse,
  ModelType,
} from './agent-types';

/** `claude-sonnet-4` -> `Claude Sonnet 4`, as Texera labels models. */
export function modelName(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * Shaped like Texera's `AgentService`: plain `HttpClient` calls on relative URLs and no auth
 * code of its own. The library's interceptor adds the Bearer token; the socket comes from
 * `AgentSocketFactory.open`, the one line that replaces Texera's `new WebSocket(wsUrl)`.
 */
@Injectable({ providedIn: 'root' })
export class AgentService {
  private readonly AGENT_API_BASE = '/api';
  private readonly http = inject(HttpClient);
  private readonly sockets = inject(AgentSocketFactory);
  private modelTypes$: Observable<ModelType[]> | null = null;

  getAllAgents(): Observable<AgentInfo[]> {
    return this.http
      .get<AgentListResponse>(`${this.AGENT_API_BASE}/agents`)
      .pipe(map((response) => response.agents));
  }

  createAgent(modelType: string, name?: string): Observable<AgentInfo> {
    return this.http.post<AgentInfo>(`${this.AGENT_API_BASE}/agents`, { modelType, name });
  }

  /**
   * Texera resolves this one against `document.baseURI` and swallows errors into an empty
   * list; the library still reports a 401/403 here, so the user is not left with an empty menu.
   */
  fetchModelTypes(): Observable<ModelType[]> {
    this.modelTypes$ ??= this.http.get<LiteLLMModelsResponse>('api/models').pipe(
      map((response) => response.data.map(({ id }) => ({ id, name: modelName(id) }))),
      catchError(() => {
        this.modelTypes$ = null;
        return of([]);
      }),
      shareReplay(1),
    );
    return this.modelTypes$;
  }

  getAgentSettings(agentId: string): Observable<AgentSettings> {
    return this.http.get<AgentSettings>(`${this.AGENT_API_BASE}/agents/${agentId}/settings`);
  }

  updateAgentSettings(
    agentId: string,
    settings: Partial<AgentSettings>,
  ): Observable<AgentSettings> {
    return this.http.patch<AgentSettings>(
      `${this.AGENT_API_BASE}/agents/${agentId}/settings`,
      settings,
    );
  }

  /**
   * Texera's `startStatePolling` socket: its URL built as Texera builds it, and `open(wsUrl)`
   * where Texera has `new WebSocket(wsUrl)`, the one line its README asks to change. Without a
   * usable token it still returns a socket, one that fires `error` and then `close` (4401), so
   * the handlers below are all the app needs.
   */
  openReactSocket(agentId: string): WebSocket {
    const wsProtocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const wsUrl = `${wsProtocol}//${window.location.host}${this.AGENT_API_BASE}/agents/${agentId}/react`;
    return this.sockets.open(wsUrl);
  }

  /** Texera's `sendMessage` frame for the react socket. */
  sendMessage(socket: WebSocket, content: string): void {
    socket.send(JSON.stringify({ type: 'message', content, messageSource: 'chat' }));
  }
}
