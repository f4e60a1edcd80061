import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED } from '@texera/agent-auth';

import { AgentService } from './agent.service';
import type { AgentInfo } from './agent-types';
import { type ChatLine, describeFrame } from './react-frames';

type Connection = 'connecting' | 'open' | 'closed' | 'refused';

/** The react socket of one agent: prompts go out as frames, the agent's steps stream back. */
@Component({
  selector: 'demo-chat-panel',
  imports: [FormsModule],
  templateUrl: './chat-panel.component.html',
})
export class ChatPanelComponent {
  readonly agent = input.required<AgentInfo>();

  private readonly agentService = inject(AgentService);
  private socket: WebSocket | null = null;

  protected readonly connection = signal<Connection>('connecting');
  protected readonly closeCode = signal<number | null>(null);
  protected readonly lines = signal<ChatLine[]>([]);
  protected prompt = 'Summarize the sales workflow';

  constructor() {
    // One socket per selected agent, closed when the selection changes or the panel goes away.
    effect((onCleanup) => {
      const agentId = this.agent().id;
      untracked(() => this.connect(agentId));
      onCleanup(() => {
        this.socket?.close(1000);
        this.socket = null;
      });
    });
  }

  protected send(): void {
    const content = this.prompt.trim();
    if (!content || this.socket?.readyState !== WebSocket.OPEN) return;
    this.agentService.sendMessage(this.socket, content);
    this.append({ kind: 'user', text: content });
    this.prompt = '';
  }

  private connect(agentId: string): void {
    this.lines.set([]);
    this.closeCode.set(null);
    // Never throws for a token problem: without a usable token the socket closes 4401 at once
    // (the library has already reported it and is redirecting), like one the server refused.
    const socket = this.agentService.openReactSocket(agentId);
    this.socket = socket;
    this.connection.set('connecting');
    socket.onopen = () => this.connection.set('open');
    socket.onmessage = (event: MessageEvent) => {
      const line = describeFrame(event.data);
      if (line) this.append(line);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.connection.set(
        event.code === CLOSE_UNAUTHENTICATED || event.code === CLOSE_FORBIDDEN
          ? 'refused'
          : 'closed',
      );
      this.closeCode.set(event.code);
    };
  }

  private append(line: ChatLine): void {
    this.lines.update((list) => [...list, line]);
  }
}
