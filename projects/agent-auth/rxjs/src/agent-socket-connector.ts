import { Injectable, inject } from '@angular/core';
import { ɵLiveSockets as LiveSockets } from '@texera/agent-auth';
import { type WebSocketSubject, type WebSocketSubjectConfig, webSocket } from 'rxjs/webSocket';

import { RelaySocket } from './relay-socket';

/** Everything rxjs's `webSocket()` takes except what the connector owns: the URL and constructor. */
export type AgentSocketOptions<T> = Omit<WebSocketSubjectConfig<T>, 'url' | 'WebSocketCtor'>;

/**
 * Agent sockets as rxjs `WebSocketSubject`s, for apps that use them; `AgentSocketFactory.open()`
 * in the core entry is the drop-in for `new WebSocket(url)` and carries no rxjs/webSocket.
 */
@Injectable({ providedIn: 'root' })
export class AgentSocketConnector {
  private readonly sockets = inject(LiveSockets);

  /**
   * A WebSocketSubject whose every physical connect (first subscribe, `retry()`, resubscribe)
   * reads the token afresh, waiting for an async tokenGetter. Without a usable token the subject
   * errors with `AgentAuthError`. Auth close codes run the failure path; a 401 for a token the
   * user has since replaced reconnects with the stored one, unseen by the subject, once per
   * stored token. Otherwise the subject completes or errors exactly as rxjs's own would.
   * A path outside the agent API throws a TypeError.
   */
  connect<T>(path: string, options: AgentSocketOptions<T> = {}): WebSocketSubject<T> {
    const sockets = this.sockets;
    const target = sockets.targetOf(path);
    const url = sockets.reportedUrl(target);
    // rxjs builds each physical socket with `new WebSocketCtor(url, protocol)`.
    class AgentRelaySocket extends RelaySocket {
      constructor(_url: string, protocols?: string | string[]) {
        super(url, protocols, sockets, target);
      }
    }
    return webSocket<T>({ ...options, url, WebSocketCtor: AgentRelaySocket });
  }
}
