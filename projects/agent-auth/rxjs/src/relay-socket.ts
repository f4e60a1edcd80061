import {
  AgentAuthError,
  type ɵAgentTarget as AgentTarget,
  type ɵLiveSockets as LiveSockets,
  type ɵSocketRelay as SocketRelay,
  type ɵTokenVerdict as TokenVerdict,
  ɵcurrentToken as currentToken,
  ɵtokenFingerprint as tokenFingerprint,
} from '@texera/agent-auth';

type Data = string | ArrayBufferLike | Blob | ArrayBufferView;
type Handler<E extends Event> = ((this: WebSocket, event: E) => unknown) | null;

// The numeric readyState values, so nothing here needs a global WebSocket (server rendering).
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/**
 * What `connect()`'s WebSocketSubject holds instead of a native socket: rxjs sets its handlers
 * on this object once, while the real socket behind it may arrive later (an async tokenGetter)
 * or be replaced (a 401 for a token the user has since replaced, answered by dialling again
 * with the stored one, once per stored token). rxjs builds it with `new`, as it would a
 * WebSocket; the first socket is dialled at once.
 */
export class RelaySocket extends EventTarget implements WebSocket, SocketRelay {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readonly protocol = '';
  readonly extensions = '';
  readonly bufferedAmount = 0;

  onopen: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;

  private socket: WebSocket | null = null;
  private binary: BinaryType = 'blob';
  private cancelled = false;
  private opened = false;
  // Frames the subject sends while a replacement socket is still connecting.
  private readonly queued: Data[] = [];
  // Fingerprints of the stored tokens this relay has dialled again with.
  private readonly redialedWith = new Set<string>();

  /** `url` is the socket's URL without the token. Throws what rxjs hands the subject. */
  constructor(
    readonly url: string,
    private readonly protocols: string | string[] | undefined,
    private readonly sockets: LiveSockets,
    private readonly target: AgentTarget,
  ) {
    super();
    sockets.constructorOrThrow();
    const token = currentToken(sockets.config);
    if (!(token instanceof Promise)) this.dialOrThrow(token);
    else {
      void token.then((settled) => {
        if (this.cancelled) return;
        try {
          this.dialOrThrow(settled);
        } catch (error) {
          // The subject errors with the AgentAuthError itself.
          this.emit('onerror', error as Event);
        }
      });
    }
  }

  // rxjs sets it after construction, when the first socket may already exist.
  get binaryType(): BinaryType {
    return this.binary;
  }

  set binaryType(type: BinaryType) {
    this.binary = type;
    if (this.socket) this.socket.binaryType = type;
  }

  get readyState(): number {
    if (this.cancelled) return CLOSED;
    // Between a socket and its replacement the subject keeps sending; the frames wait here.
    if (this.opened && this.socket?.readyState === CONNECTING) return OPEN;
    return this.socket?.readyState ?? CONNECTING;
  }

  send(data: Data): void {
    if (this.socket?.readyState === OPEN) this.socket.send(data);
    else if (this.opened) this.queued.push(data);
  }

  /** Before any socket arrived, closing means none is ever built. */
  close(code?: number, reason?: string): void {
    if (this.socket) this.socket.close(code, reason);
    else this.cancelled = true;
  }

  /** Takes `socket` as the real one, in place of any earlier socket, whose events are dropped. */
  attach(socket: WebSocket, closing: (event: CloseEvent) => Promise<boolean>): void {
    const previous = this.socket;
    if (previous) previous.onopen = previous.onclose = previous.onerror = previous.onmessage = null;
    this.socket = socket;
    socket.binaryType = this.binaryType;
    socket.onopen = (event) => {
      if (this.opened) this.flush(socket);
      else {
        this.opened = true;
        this.emit('onopen', event);
      }
    };
    socket.onmessage = (event) => this.emit('onmessage', event);
    socket.onerror = (event) => this.emit('onerror', event);
    socket.onclose = (event) => {
      void closing(event).then((relay) => {
        if (relay && this.socket === socket) this.emit('onclose', event);
      });
    };
  }

  async redial(): Promise<boolean> {
    const token = await currentToken(this.sockets.config);
    if (!token.usable || this.cancelled) return false;
    const fingerprint = tokenFingerprint(token.token);
    if (this.redialedWith.has(fingerprint)) return false;
    this.redialedWith.add(fingerprint);
    this.sockets.dial(this.target, token, this.protocols, this);
    return true;
  }

  /** A socket with a usable token, else the failure path and an AgentAuthError. */
  private dialOrThrow(token: TokenVerdict): void {
    if (!token.usable) {
      const url = this.sockets.reportTokenProblem(this.target, token.reason);
      throw new AgentAuthError(401, token.reason, url);
    }
    this.sockets.dial(this.target, token, this.protocols, this);
  }

  private flush(socket: WebSocket): void {
    for (const data of this.queued.splice(0)) socket.send(data);
  }

  private emit<K extends 'onopen' | 'onclose' | 'onerror' | 'onmessage'>(
    handler: K,
    event: Parameters<NonNullable<this[K]>>[0],
  ): void {
    (this[handler] as ((this: WebSocket, event: unknown) => unknown) | null)?.call(this, event);
  }
}
