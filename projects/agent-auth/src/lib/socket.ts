import { DOCUMENT, Injectable, inject } from '@angular/core';
import { HttpClient, HttpContext } from '@angular/common/http';
import { webSocket, type WebSocketSubject, type WebSocketSubjectConfig } from 'rxjs/webSocket';

import { AGENT_AUTH_CONFIG } from './config';
import { SKIP_AGENT_AUTH } from './context';
import { AgentAuthError, type AgentAuthFailureReason, type AgentAuthStatus } from './errors';
import { AgentAuthFailures } from './failures';
import { PendingWebSocket } from './pending-socket';
import { redactToken } from './redact';
import { refusalOf } from './redirect-rules';
import { agentUrl, pageLocation } from './scope';
import { apiRoot, closeVerdict, socketUrl } from './socket-rules';
import { type TokenVerdict, authorizationValue, currentToken } from './token';
import { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './websocket-ctor';

/** Everything rxjs's `webSocket()` takes except what the factory owns: the URL and constructor. */
export type AgentSocketOptions<T> = Omit<WebSocketSubjectConfig<T>, 'url' | 'WebSocketCtor'>;

/**
 * Opens agent-service WebSockets with the JWT as `?access-token=` (browsers cannot set headers
 * on a WebSocket), read fresh for every physical connect, and turns auth refusals into the
 * library's failure path. Paths are scope-checked like HTTP calls: the token goes nowhere else.
 *
 * With an async `tokenGetter`, only `connect()` can wait for the token: `url()` returns null
 * and `open()` throws, since both must answer synchronously.
 */
@Injectable({ providedIn: 'root' })
export class AgentSocketFactory {
  private readonly config = inject(AGENT_AUTH_CONFIG);
  private readonly document = inject(DOCUMENT);
  private readonly WebSocketCtor = inject(AGENT_WEBSOCKET_CTOR);
  private readonly http = inject(HttpClient);
  private readonly failures = inject(AgentAuthFailures);

  /**
   * The absolute ws:/wss: URL with the token, or null when there is no usable token (or the
   * getter is async). Throws for a path outside the agent API.
   */
  url(path: string): string | null {
    const target = this.agentTargetOrThrow(path);
    const verdict = currentToken(this.config);
    if (verdict instanceof Promise || !verdict.usable) return null;
    return socketUrl(target, this.config.tokenQueryParam, verdict.token);
  }

  /**
   * A native WebSocket, the drop-in for `new WebSocket(url)`. Without a usable token the failure
   * path runs and it throws `AgentAuthError`.
   */
  open(path: string, protocols?: string | string[]): WebSocket {
    const target = this.agentTargetOrThrow(path);
    const Ctor = this.constructorOrThrow();
    const verdict = currentToken(this.config);
    if (verdict instanceof Promise) {
      throw new Error(
        'agent-auth: open() needs a tokenGetter that answers synchronously; use connect(), which waits for an async one',
      );
    }
    return this.create(Ctor, target, verdict, protocols);
  }

  /**
   * An rxjs WebSocketSubject whose every physical connect (first subscribe, `retry()`,
   * resubscribe) reads the token afresh. Without a usable token the subject errors with
   * `AgentAuthError`. Auth close codes run the failure path; the subject itself completes or
   * errors exactly as rxjs's own would.
   */
  connect<T>(path: string, options: AgentSocketOptions<T> = {}): WebSocketSubject<T> {
    const target = this.agentTargetOrThrow(path);
    const physical = (protocols?: string | string[]): WebSocket => {
      const Ctor = this.constructorOrThrow();
      const verdict = currentToken(this.config);
      return verdict instanceof Promise
        ? (new PendingWebSocket(verdict, (settled) =>
            this.create(Ctor, target, settled, protocols),
          ) as unknown as WebSocket)
        : this.create(Ctor, target, verdict, protocols);
    };
    // rxjs calls the hook with `new`, which an arrow function refuses; a constructor that
    // returns an object yields that object.
    function AgentWebSocket(_url: string, protocols?: string | string[]): WebSocket {
      return physical(protocols);
    }
    return webSocket<T>({
      ...options,
      url: socketUrl(target, this.config.tokenQueryParam, null),
      WebSocketCtor: AgentWebSocket as unknown as WebSocketConstructor,
    });
  }

  /** The scope-checked URL for `path`; a path outside the agent API is a programming error. */
  private agentTargetOrThrow(path: string): URL {
    // A ws:/wss: URL is checked as the http:/https: URL its upgrade request goes to.
    const asHttp = path.replace(/^ws(s?):/i, 'http$1:');
    const target = agentUrl(asHttp, pageLocation(this.document), this.config);
    if (!target) {
      throw new Error(
        `agent-auth: ${redactToken(path, this.config.tokenQueryParam)} is not an agent-service URL ` +
          `(it must be on this page's origin or an allowed one, under ${this.config.apiPrefix}); no token is sent there`,
      );
    }
    return target;
  }

  private constructorOrThrow(): WebSocketConstructor {
    if (!this.WebSocketCtor) {
      throw new Error(
        'agent-auth: no WebSocket constructor here (server rendering?); provide AGENT_WEBSOCKET_CTOR',
      );
    }
    return this.WebSocketCtor;
  }

  private create(
    Ctor: WebSocketConstructor,
    target: URL,
    verdict: TokenVerdict,
    protocols: string | string[] | undefined,
  ): WebSocket {
    const param = this.config.tokenQueryParam;
    // What reports and errors show: the socket's URL with no token parameter at all.
    const reportedUrl = socketUrl(target, param, null);
    if (!verdict.usable) {
      this.report(401, verdict.reason, reportedUrl);
      throw new AgentAuthError(401, verdict.reason, reportedUrl);
    }
    const socket = new Ctor(socketUrl(target, param, verdict.token), protocols);
    this.watch(socket, target, reportedUrl);
    return socket;
  }

  /** Listens alongside the app's own handlers; what the app sees of the socket is unchanged. */
  private watch(socket: WebSocket, target: URL, reportedUrl: string): void {
    let opened = false;
    let closedByApp = false;
    // The browser reports the app's own close() while connecting as the same 1006 as a refused
    // upgrade, so the factory notes it here to keep such sockets from being probed.
    const close = socket.close.bind(socket);
    socket.close = (code?: number, reason?: string) => {
      closedByApp = true;
      close(code, reason);
    };
    socket.addEventListener('open', () => (opened = true), { once: true });
    socket.addEventListener(
      'close',
      (event) => {
        const verdict = closeVerdict(event.code, opened, closedByApp);
        if (verdict === 'rejected') this.report(401, 'rejected', reportedUrl);
        else if (verdict === 'forbidden') this.report(403, 'forbidden', reportedUrl);
        else if (verdict === 'probe') void this.probe(target, reportedUrl);
      },
      { once: true },
    );
  }

  /**
   * One authenticated `GET <apiPrefix>` to learn why a socket was refused before it opened.
   * The factory attaches the token itself and opts out of the interceptor (SKIP_AGENT_AUTH):
   * the probe works whether or not the app registered the interceptor, and its 401/403 is
   * reported once, here, as a socket failure rather than a second time as an HTTP one.
   */
  private async probe(target: URL, reportedUrl: string): Promise<void> {
    const verdict = await currentToken(this.config);
    if (!verdict.usable) {
      this.report(401, verdict.reason, reportedUrl);
      return;
    }
    this.http
      .get(apiRoot(target, this.config.apiPrefix), {
        headers: { [this.config.headerName]: authorizationValue(this.config, verdict.token) },
        context: new HttpContext().set(SKIP_AGENT_AUTH, true),
        responseType: 'text',
      })
      .subscribe({
        error: (error: unknown) => {
          const refusal = refusalOf(error);
          if (refusal) this.report(refusal.status, refusal.reason, reportedUrl);
        },
      });
  }

  private report(status: AgentAuthStatus, reason: AgentAuthFailureReason, url: string): void {
    this.failures.report({ status, reason, channel: 'socket', url });
  }
}
