import { Injectable, inject } from '@angular/core';

import { currentToken } from '../token/token';
import { LiveSockets } from './live-sockets';
import { RefusedWebSocket } from './refused-socket';
import { socketUrl } from './socket-url';

/**
 * Opens agent-service WebSockets with the JWT as `?access-token=` (browsers cannot set headers
 * on a WebSocket), read fresh for every connect, and turns auth refusals into the library's
 * failure path. Paths are scope-checked like HTTP calls: the token goes nowhere else. Every
 * socket it opens is closed at its token's `exp`, and when another tab signs out.
 *
 * Both methods answer synchronously, so with an async `tokenGetter` `url()` returns null and
 * `open()` throws; `connect()` in `@texera/agent-auth/rxjs` waits for the token.
 */
@Injectable({ providedIn: 'root' })
export class AgentSocketFactory {
  private readonly sockets = inject(LiveSockets);

  /**
   * The absolute ws:/wss: URL with the token, or null when there is no usable token (or the
   * getter is async). Throws for a path outside the agent API.
   */
  url(path: string): string | null {
    const target = this.sockets.targetOf(path);
    const token = currentToken(this.sockets.config);
    if (token instanceof Promise || !token.usable) return null;
    return socketUrl(target.url, this.sockets.config.tokenQueryParam, token.token);
  }

  /**
   * A native WebSocket, the drop-in for `new WebSocket(url)`. Without a usable token the
   * failure path runs and it returns a stand-in that fires `error`, then `close` with 4401,
   * asynchronously, so the app's handlers run as for a socket the server refused; it never
   * throws for a token problem. A path outside the agent API throws a TypeError.
   */
  open(path: string, protocols?: string | string[]): WebSocket {
    const target = this.sockets.targetOf(path);
    this.sockets.constructorOrThrow();
    const token = currentToken(this.sockets.config);
    if (token instanceof Promise) {
      throw new Error(
        typeof ngDevMode === 'undefined' || ngDevMode
          ? 'agent-auth: open() needs a tokenGetter that answers synchronously; use connect() from @texera/agent-auth/rxjs, which waits for an async one'
          : 'agent-auth: open() needs a synchronous tokenGetter',
      );
    }
    if (!token.usable) {
      return new RefusedWebSocket(
        this.sockets.reportTokenProblem(target, token.reason),
        token.reason,
      );
    }
    return this.sockets.dial(target, token, protocols, null);
  }
}
