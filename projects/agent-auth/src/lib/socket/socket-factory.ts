import { DOCUMENT, DestroyRef, Injectable, PLATFORM_ID, inject } from '@angular/core';
import { isPlatformBrowser } from '@angular/common';
import { HttpClient, HttpContext } from '@angular/common/http';
import { webSocket, type WebSocketSubject, type WebSocketSubjectConfig } from 'rxjs/webSocket';

import { ACCESS_TOKEN_KEY, AGENT_AUTH_CONFIG } from '../config/config';
import { SKIP_AGENT_AUTH } from '../http/context';
import {
  AgentAuthError,
  type AgentAuthFailureReason,
  type AgentAuthStatus,
  type TokenProblem,
} from '../failures/failure';
import { AgentAuthFailures, type FailureOutcome } from '../failures/failures';
import { redactToken } from '../url/redact';
import { refusalOf } from '../failures/redirect';
import { CLOSE_UNAUTHENTICATED, RefusedWebSocket } from './refused-socket';
import { RelaySocket } from '../../../rxjs/src/relay-socket';
import { type AgentTarget, agentTarget, pageLocation } from '../url/scope';
import {
  MAX_TIMER_MS,
  closeVerdict,
  isSignOut,
  msUntilExpiry,
  probeUrl,
  socketUrl,
} from './close-rules';
import {
  type TokenVerdict,
  authorizationValue,
  currentToken,
  tokenFingerprint,
  whenSettled,
} from '../token/token';
import { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './websocket-ctor';

/** Everything rxjs's `webSocket()` takes except what the factory owns: the URL and constructor. */
export type AgentSocketOptions<T> = Omit<WebSocketSubjectConfig<T>, 'url' | 'WebSocketCtor'>;

type UsableToken = Extract<TokenVerdict, { usable: true }>;

/** A physical agent socket the factory built and watches until it closes. */
interface LiveSocket {
  readonly socket: WebSocket;
  readonly target: AgentTarget;
  /** The socket's URL without the token: what reports and errors name. */
  readonly reportedUrl: string;
  /** `tokenFingerprint` of the token the socket was opened with (never the token itself). */
  readonly sentToken: string;
  readonly protocols: string | string[] | undefined;
  /** `connect()`'s stand-in this socket serves, which can take a replacement socket. */
  readonly relay: RelaySocket | null;
  /** The socket's own close, before the factory noted the app's calls to it. */
  readonly close: (code?: number, reason?: string) => void;
  opened: boolean;
  closedBy: 'app' | 'library' | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Opens agent-service WebSockets with the JWT as `?access-token=` (browsers cannot set headers
 * on a WebSocket), read fresh for every physical connect, and turns auth refusals into the
 * library's failure path. Paths are scope-checked like HTTP calls: the token goes nowhere else.
 * Every socket it opens is closed at its token's `exp`, and when another tab signs out.
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
  private readonly live = new Map<WebSocket, LiveSocket>();

  constructor() {
    const view = this.document.defaultView;
    // SSR: no other tabs, and no window to listen on.
    if (!isPlatformBrowser(inject(PLATFORM_ID)) || !view) return;
    const onStorage = (event: StorageEvent) => {
      if (isSignOut(event, ACCESS_TOKEN_KEY)) this.signOut();
    };
    view.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => view.removeEventListener('storage', onStorage));
  }

  /**
   * The absolute ws:/wss: URL with the token, or null when there is no usable token (or the
   * getter is async). Throws for a path outside the agent API.
   */
  url(path: string): string | null {
    const target = this.agentTargetOrThrow(path);
    const verdict = currentToken(this.config);
    if (verdict instanceof Promise || !verdict.usable) return null;
    return socketUrl(target.url, this.config.tokenQueryParam, verdict.token);
  }

  /**
   * A native WebSocket, the drop-in for `new WebSocket(url)`. Without a usable token the
   * failure path runs and it returns a stand-in that fires `error`, then `close` with 4401,
   * asynchronously, so the app's handlers run as for a socket the server refused; it never
   * throws for a token problem. A path outside the agent API throws a TypeError.
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
    if (!verdict.usable) {
      const url = this.reportTokenProblem(target, verdict.reason);
      return new RefusedWebSocket(url, verdict.reason) as unknown as WebSocket;
    }
    return this.dial(Ctor, target, verdict, protocols, null).socket;
  }

  /**
   * An rxjs WebSocketSubject whose every physical connect (first subscribe, `retry()`,
   * resubscribe) reads the token afresh. Without a usable token the subject errors with
   * `AgentAuthError`. Auth close codes run the failure path; a 401 for a token the user has
   * since replaced reconnects with the stored one, unseen by the subject. Otherwise the subject
   * completes or errors exactly as rxjs's own would.
   */
  connect<T>(path: string, options: AgentSocketOptions<T> = {}): WebSocketSubject<T> {
    const target = this.agentTargetOrThrow(path);
    const physical = (protocols?: string | string[]): WebSocket => {
      const Ctor = this.constructorOrThrow();
      const relay = new RelaySocket((socket, event) => this.closed(socket, event));
      const verdict = currentToken(this.config);
      // rxjs catches what its constructor hook throws and errors the subject with it.
      if (!(verdict instanceof Promise)) this.dialOrThrow(Ctor, target, verdict, protocols, relay);
      else {
        void verdict.then((settled) => {
          if (!relay.wanted) return;
          try {
            this.dialOrThrow(Ctor, target, settled, protocols, relay);
          } catch (error) {
            relay.fail(error);
          }
        });
      }
      return relay as unknown as WebSocket;
    };
    // rxjs calls the hook with `new`, which an arrow function refuses; a constructor that
    // returns an object yields that object.
    function AgentWebSocket(_url: string, protocols?: string | string[]): WebSocket {
      return physical(protocols);
    }
    return webSocket<T>({
      ...options,
      url: socketUrl(target.url, this.config.tokenQueryParam, null),
      WebSocketCtor: AgentWebSocket as unknown as WebSocketConstructor,
    });
  }

  /** The scope-checked target for `path`; a path outside the agent API is a programming error. */
  private agentTargetOrThrow(path: string): AgentTarget {
    // A ws:/wss: URL is checked as the http:/https: URL its upgrade request goes to.
    const asHttp = path.replace(/^ws(s?):/i, 'http$1:');
    const target = agentTarget(asHttp, pageLocation(this.document), this.config);
    if (!target) {
      throw new TypeError(
        `agent-auth: ${redactToken(path, this.config.tokenQueryParam)} is not an agent-service URL ` +
          `(it must be on this page's origin or an allowed one, under ${this.config.apiPaths.join(' or ')}); no token is sent there`,
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

  private reportedUrl(target: AgentTarget): string {
    return socketUrl(target.url, this.config.tokenQueryParam, null);
  }

  /** No usable token for a socket: the failure path runs; returns the URL it was reported as. */
  private reportTokenProblem(target: AgentTarget, reason: TokenProblem): string {
    const url = this.reportedUrl(target);
    this.report({ status: 401, reason, url });
    return url;
  }

  /** For `connect()`: a socket with a usable token, else the failure path and AgentAuthError. */
  private dialOrThrow(
    Ctor: WebSocketConstructor,
    target: AgentTarget,
    verdict: TokenVerdict,
    protocols: string | string[] | undefined,
    relay: RelaySocket,
  ): void {
    if (!verdict.usable) {
      const url = this.reportTokenProblem(target, verdict.reason);
      throw new AgentAuthError(401, verdict.reason, url);
    }
    this.dial(Ctor, target, verdict, protocols, relay);
  }

  /** Opens a socket with the token and watches it: open, the app's close, close, `exp`. */
  private dial(
    Ctor: WebSocketConstructor,
    target: AgentTarget,
    verdict: UsableToken,
    protocols: string | string[] | undefined,
    relay: RelaySocket | null,
  ): LiveSocket {
    const socket = new Ctor(
      socketUrl(target.url, this.config.tokenQueryParam, verdict.token),
      protocols,
    );
    const live: LiveSocket = {
      socket,
      target,
      reportedUrl: this.reportedUrl(target),
      sentToken: tokenFingerprint(verdict.token),
      protocols,
      relay,
      close: socket.close.bind(socket),
      opened: false,
      closedBy: null,
      timer: null,
    };
    this.live.set(socket, live);
    // The browser reports the app's own close() while connecting as the same 1006 as a refused
    // upgrade, so the factory notes it here to keep such sockets from being probed.
    socket.close = (code?: number, reason?: string) => {
      live.closedBy ??= 'app';
      this.stopTimer(live);
      live.close(code, reason);
    };
    socket.addEventListener('open', () => (live.opened = true), { once: true });
    // A relay hears the close itself, to hold it back while a replacement connects.
    if (relay) relay.attach(socket);
    else
      socket.addEventListener('close', (event) => void this.closed(socket, event), { once: true });
    if (verdict.exp !== null) this.closeAtExpiry(live, verdict.exp);
    return live;
  }

  /**
   * The socket closed: what it means for auth, and whether a relay passes the close on to its
   * subject (false when a socket with the stored token takes its place).
   */
  private closed(socket: WebSocket, event: CloseEvent): boolean | Promise<boolean> {
    const live = this.live.get(socket);
    if (!live) return true;
    this.forget(live);
    // Closed at exp or on sign-out: reported when it was closed.
    if (live.closedBy === 'library') return true;
    const verdict = closeVerdict(event.code, live.opened, live.closedBy === 'app');
    if (verdict === 'rejected') return this.refused(live, 'rejected');
    if (verdict === 'forbidden')
      this.report({ status: 403, reason: 'forbidden', url: live.reportedUrl });
    else if (verdict === 'probe') void this.probe(live);
    return true;
  }

  /**
   * A 401 for this socket's token (`rejected` by the server, or `expired` here): the stale rule
   * first. A `connect()` socket whose token was replaced reconnects with the stored one.
   */
  private refused(live: LiveSocket, reason: 'rejected' | 'expired'): boolean | Promise<boolean> {
    const outcome = this.report({ status: 401, reason, url: live.reportedUrl }, live.sentToken);
    return whenSettled(outcome, (settled) =>
      settled === 'stale' && live.relay ? !this.redial(live, live.relay) : true,
    );
  }

  /** Replaces a `connect()` socket with one on the stored token; false when there is none now. */
  private redial(live: LiveSocket, relay: RelaySocket): boolean {
    const verdict = currentToken(this.config);
    if (verdict instanceof Promise || !verdict.usable || !relay.wanted) return false;
    const Ctor = this.constructorOrThrow();
    this.dial(Ctor, live.target, verdict, live.protocols, relay);
    return true;
  }

  /** Closes the socket at its token's `exp` (plus leeway): nginx and Envoy check only at the upgrade. */
  private closeAtExpiry(live: LiveSocket, exp: number): void {
    const wait = msUntilExpiry(exp, this.config.leewaySeconds, Date.now());
    live.timer = setTimeout(
      () => (wait > MAX_TIMER_MS ? this.closeAtExpiry(live, exp) : this.expire(live)),
      Math.min(wait, MAX_TIMER_MS),
    );
  }

  private expire(live: LiveSocket): void {
    this.closeByLibrary(live, 'expired');
    void this.refused(live, 'expired');
  }

  /** Another tab signed out: every agent socket of this tab closes, and the failure path runs. */
  private signOut(): void {
    for (const live of [...this.live.values()]) {
      if (live.closedBy !== null) continue;
      this.closeByLibrary(live, 'signed-out');
      this.report({ status: 401, reason: 'signed-out', url: live.reportedUrl });
    }
  }

  private closeByLibrary(live: LiveSocket, reason: 'expired' | 'signed-out'): void {
    live.closedBy = 'library';
    this.forget(live);
    live.close(CLOSE_UNAUTHENTICATED, reason);
  }

  private forget(live: LiveSocket): void {
    this.stopTimer(live);
    this.live.delete(live.socket);
  }

  private stopTimer(live: LiveSocket): void {
    if (live.timer !== null) clearTimeout(live.timer);
    live.timer = null;
  }

  /**
   * One authenticated `GET` of the first API path to learn why a socket was refused before it
   * opened. The factory attaches the token itself and opts out of the interceptor
   * (SKIP_AGENT_AUTH): the probe works whether or not the app registered the interceptor, and
   * its 401/403 is reported once, here, as a socket failure rather than a second time as an
   * HTTP one.
   */
  private async probe(live: LiveSocket): Promise<void> {
    const verdict = await currentToken(this.config);
    if (!verdict.usable) {
      this.report({ status: 401, reason: verdict.reason, url: live.reportedUrl });
      return;
    }
    this.http
      .get(probeUrl(live.target, this.config.apiPaths[0]), {
        headers: { [this.config.headerName]: authorizationValue(this.config, verdict.token) },
        context: new HttpContext().set(SKIP_AGENT_AUTH, true),
        responseType: 'text',
      })
      .subscribe({
        error: (error: unknown) => {
          const refusal = refusalOf(error);
          if (refusal) this.report({ ...refusal, url: live.reportedUrl });
        },
      });
  }

  private report(
    failure: { status: AgentAuthStatus; reason: AgentAuthFailureReason; url: string },
    sentToken?: string,
  ): FailureOutcome | Promise<FailureOutcome> {
    return this.failures.report({ ...failure, channel: 'socket' }, sentToken);
  }
}
