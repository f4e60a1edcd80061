import { DOCUMENT, DestroyRef, Injectable, PLATFORM_ID, inject } from '@angular/core';
import { isPlatformBrowser } from '@angular/common';
import { HttpClient, HttpContext } from '@angular/common/http';

import { AGENT_AUTH_CONFIG } from '../config/config';
import type { AgentAuthFailureReason, AgentAuthStatus, TokenProblem } from '../failures/failure';
import { AgentAuthFailures, type FailureOutcome } from '../failures/failures';
import { refusalOf } from '../failures/refusal';
import { SKIP_AGENT_AUTH } from '../http/context';
import { ACCESS_TOKEN_KEY } from '../token/stored-token';
import {
  type UsableToken,
  authorizationValue,
  currentToken,
  tokenFingerprint,
} from '../token/token';
import { redactToken } from '../url/redact';
import { AGENT_AUTH_PAGE } from '../url/page';
import { type AgentTarget, agentTarget } from '../url/scope';
import { CLOSE_UNAUTHENTICATED } from './close-codes';
import {
  MAX_TIMER_MS,
  closeVerdict,
  mayBeSignOut,
  msUntilExpiry,
  refusedTokenReason,
} from './close-rules';
import { probeUrl, socketUrl } from './socket-url';
import { AGENT_WEBSOCKET_CTOR, type WebSocketConstructor } from './websocket-ctor';

/**
 * What stands between a `connect()` subject and its sockets (the rxjs entry's relay): it hears
 * each socket's close through `closing`, which settles to whether the subject should see it.
 */
export interface SocketRelay {
  attach(socket: WebSocket, closing: (event: CloseEvent) => Promise<boolean>): void;
  /**
   * A 401 for a token the user has since replaced: dial again with the stored one. Resolves to
   * false when the relay will not (nothing usable stored, or its budget for that token spent).
   */
  redial(): Promise<boolean>;
}

/** A physical agent socket the registry built and watches until it closes. */
interface LiveSocket {
  readonly socket: WebSocket;
  readonly target: AgentTarget;
  /** The socket's URL without the token: what reports and errors name. */
  readonly reportedUrl: string;
  /** `tokenFingerprint` of the token the socket was opened with (never the token itself). */
  readonly sentFingerprint: string;
  /** `exp` of that token. */
  readonly exp: number | null;
  readonly relay: SocketRelay | null;
  opened: boolean;
  closedBy: 'app' | 'library' | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** For a socket the library closed: whether a relay's subject sees the close. */
  afterLibraryClose: Promise<boolean> | null;
}

/**
 * Every agent socket this app has open, and what happens to them: closed at their token's `exp`,
 * closed when another tab signs out, and every close turned into what it means for auth (a
 * failure, a probe, or nothing). `open()` and the rxjs entry's `connect()` build sockets here.
 * @internal
 */
@Injectable({ providedIn: 'root' })
export class LiveSockets {
  readonly config = inject(AGENT_AUTH_CONFIG);
  private readonly document = inject(DOCUMENT);
  private readonly page = inject(AGENT_AUTH_PAGE);
  private readonly ctor = inject(AGENT_WEBSOCKET_CTOR);
  private readonly http = inject(HttpClient);
  private readonly failures = inject(AgentAuthFailures);
  private readonly live = new Map<WebSocket, LiveSocket>();
  private tracked: WebSocketConstructor | null = null;

  constructor() {
    const view = this.document.defaultView;
    // SSR: no other tabs, and no window to listen on.
    if (!isPlatformBrowser(inject(PLATFORM_ID)) || !view) return;
    let tokenArea: Storage | null = null;
    try {
      // Where the default tokenGetter (and Texera's) reads the token.
      tokenArea = view.localStorage;
    } catch {
      // A sandboxed frame without storage hears no other tab.
    }
    const onStorage = (event: StorageEvent) => {
      if (this.live.size > 0 && mayBeSignOut(event, ACCESS_TOKEN_KEY, tokenArea)) {
        void this.signOutIfUnusable();
      }
    };
    view.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => view.removeEventListener('storage', onStorage));
  }

  /** The scope-checked target for `path`; a path outside the agent API is a programming error. */
  targetOf(path: string): AgentTarget {
    // A ws:/wss: URL is checked as the http:/https: URL its upgrade request goes to.
    const asHttp = path.replace(/^ws(s?):/i, 'http$1:');
    const target = agentTarget(asHttp, this.page, this.config);
    if (!target) {
      throw new TypeError(
        typeof ngDevMode === 'undefined' || ngDevMode
          ? `agent-auth: ${redactToken(path, this.config.tokenQueryParam)} is not an agent-service URL ` +
              `(it must be on this page's origin or an allowed one, under ${this.config.apiPaths.join(' or ')}); no token is sent there`
          : 'agent-auth: not an agent-service URL',
      );
    }
    return target;
  }

  /** The socket's URL without the token. */
  reportedUrl(target: AgentTarget): string {
    return socketUrl(target.url, this.config.tokenQueryParam, null);
  }

  /**
   * The constructor sockets are built with: the app's, subclassed so that the registry knows
   * which sockets the app itself closed (the browser reports the app's close() while connecting
   * as the same 1006 as a refused upgrade, and such a socket must not be probed).
   */
  constructorOrThrow(): WebSocketConstructor {
    if (this.tracked) return this.tracked;
    const Ctor = this.ctor;
    if (!Ctor) {
      throw new Error(
        typeof ngDevMode === 'undefined' || ngDevMode
          ? 'agent-auth: no WebSocket constructor here (server rendering?); provide AGENT_WEBSOCKET_CTOR'
          : 'agent-auth: no WebSocket constructor',
      );
    }
    const closedByApp = (socket: WebSocket) => {
      const live = this.live.get(socket);
      if (live) {
        live.closedBy ??= 'app';
        stopTimer(live);
      }
    };
    return (this.tracked = class AgentWebSocket extends Ctor {
      override close(code?: number, reason?: string): void {
        closedByApp(this);
        super.close(code, reason);
      }
    });
  }

  /** No usable token for a socket: the failure path runs; returns the URL it was reported as. */
  reportTokenProblem(target: AgentTarget, reason: TokenProblem): string {
    const url = this.reportedUrl(target);
    void this.report(401, reason, url);
    return url;
  }

  /** Opens a socket with the token and watches it: open, the app's close, close, `exp`. */
  dial(
    target: AgentTarget,
    token: UsableToken,
    protocols: string | string[] | undefined,
    relay: SocketRelay | null,
  ): WebSocket {
    const Ctor = this.constructorOrThrow();
    const socket = new Ctor(
      socketUrl(target.url, this.config.tokenQueryParam, token.token),
      protocols,
    );
    const live: LiveSocket = {
      socket,
      target,
      reportedUrl: this.reportedUrl(target),
      sentFingerprint: tokenFingerprint(token.token),
      exp: token.exp,
      relay,
      opened: false,
      closedBy: null,
      timer: null,
      afterLibraryClose: null,
    };
    this.live.set(socket, live);
    socket.addEventListener('open', () => (live.opened = true), { once: true });
    // A relay hears the close itself, to hold it back while a replacement connects.
    if (relay) relay.attach(socket, (event) => this.closed(live, event));
    else socket.addEventListener('close', (event) => void this.closed(live, event), { once: true });
    if (token.exp !== null) this.closeAtExpiry(live, token.exp);
    return socket;
  }

  /**
   * The socket closed: what it means for auth, and whether a relay passes the close on to its
   * subject (false when a socket with the stored token takes its place).
   */
  private async closed(live: LiveSocket, event: CloseEvent): Promise<boolean> {
    this.forget(live);
    // Closed at exp or on sign-out: reported when it was closed.
    if (live.closedBy === 'library') return live.afterLibraryClose ?? true;
    const verdict = closeVerdict(event.code, live.opened, live.closedBy === 'app');
    if (verdict === 'rejected') {
      const reason = refusedTokenReason(live.exp, this.config.leewaySeconds, Date.now());
      return this.refused(live, reason);
    }
    if (verdict === 'forbidden') void this.report(403, 'forbidden', live.reportedUrl);
    else if (verdict === 'probe') void this.probe(live);
    return true;
  }

  /**
   * A 401 for this socket's token: the stale rule first. A `connect()` socket whose token was
   * replaced reconnects with the stored one, once per stored token; after that the failure path.
   */
  private async refused(live: LiveSocket, reason: 'rejected' | 'expired'): Promise<boolean> {
    const outcome = await this.report(401, reason, live.reportedUrl, live.sentFingerprint);
    if (outcome !== 'stale' || !live.relay) return true;
    if (await live.relay.redial()) return false;
    // No replacement after all: the stored token was reported as replacing this one, but the
    // subject ends here, so the session's own failure path runs.
    void this.report(401, reason, live.reportedUrl);
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
    live.afterLibraryClose = this.refused(live, 'expired');
    this.closeByLibrary(live, 'expired');
  }

  /**
   * A storage event that may mean another tab signed out: when the token is now unusable, every
   * agent socket of this tab closes, and the failure path runs.
   */
  private async signOutIfUnusable(): Promise<void> {
    const token = await currentToken(this.config);
    if (token.usable) return;
    for (const live of [...this.live.values()]) {
      if (live.closedBy !== null) continue;
      this.closeByLibrary(live, 'signed-out');
      void this.report(401, 'signed-out', live.reportedUrl);
    }
  }

  private closeByLibrary(live: LiveSocket, reason: 'expired' | 'signed-out'): void {
    live.closedBy = 'library';
    this.forget(live);
    live.socket.close(CLOSE_UNAUTHENTICATED, reason);
  }

  private forget(live: LiveSocket): void {
    stopTimer(live);
    this.live.delete(live.socket);
  }

  /**
   * One authenticated `GET` of the first API path to learn why a socket was refused before it
   * opened. The registry attaches the token itself and opts out of the interceptor
   * (SKIP_AGENT_AUTH): the probe works whether or not the app registered the interceptor, and
   * its 401/403 is reported once, here, as a socket failure rather than a second time as an
   * HTTP one.
   */
  private async probe(live: LiveSocket): Promise<void> {
    const token = await currentToken(this.config);
    if (!token.usable) {
      void this.report(401, token.reason, live.reportedUrl);
      return;
    }
    this.http
      .get(probeUrl(live.target, this.config.apiPaths[0]), {
        headers: { [this.config.headerName]: authorizationValue(this.config, token.token) },
        context: new HttpContext().set(SKIP_AGENT_AUTH, true),
        responseType: 'text',
      })
      .subscribe({
        error: (error: unknown) => {
          const refusal = refusalOf(error);
          if (refusal) void this.report(refusal.status, refusal.reason, live.reportedUrl);
        },
      });
  }

  private async report(
    status: AgentAuthStatus,
    reason: AgentAuthFailureReason,
    url: string,
    sentFingerprint?: string,
  ): Promise<FailureOutcome> {
    return this.failures.report({ status, reason, url, channel: 'socket' }, sentFingerprint);
  }
}

function stopTimer(live: LiveSocket): void {
  if (live.timer !== null) clearTimeout(live.timer);
  live.timer = null;
}
