type Handler = ((event: never) => unknown) | null;
type Data = string | ArrayBufferLike | Blob | ArrayBufferView;

// The numeric readyState values, so nothing here needs a global WebSocket (server rendering).
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/**
 * What `connect()`'s WebSocketSubject holds instead of a native socket: rxjs sets its handlers
 * on this object once, while the real socket behind it may arrive later (an async tokenGetter)
 * or be replaced (a 401 for a token the user has since replaced, answered by reconnecting with
 * the stored one). It carries exactly what `WebSocketSubject` touches: the four `on*` handlers,
 * `binaryType`, `readyState`, `send` and `close`.
 */
export class RelaySocket {
  binaryType: BinaryType = 'blob';
  onopen: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;
  onmessage: Handler = null;

  private socket: WebSocket | null = null;
  private cancelled = false;
  private opened = false;
  // Frames the subject sends while a replacement socket is still connecting.
  private readonly queued: Data[] = [];

  /**
   * `closing(socket, event)` decides, for a close of the current socket, whether the subject
   * sees it: false when a replacement has been (or is being) attached instead.
   */
  constructor(
    private readonly closing: (socket: WebSocket, event: CloseEvent) => boolean | Promise<boolean>,
  ) {}

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

  /** Whether a socket may still be attached (the subject has not closed this one). */
  get wanted(): boolean {
    return !this.cancelled;
  }

  /** Takes `socket` as the real one, in place of any earlier socket, whose events are dropped. */
  attach(socket: WebSocket): void {
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
      const decided = this.closing(socket, event);
      const pass = (relay: boolean) => {
        if (relay && this.socket === socket) this.emit('onclose', event);
      };
      if (decided instanceof Promise) void decided.then(pass);
      else pass(decided);
    };
  }

  /** The subject errors with `error` itself (rxjs hands `onerror`'s argument to subscribers). */
  fail(error: unknown): void {
    this.emit('onerror', error);
  }

  private flush(socket: WebSocket): void {
    for (const data of this.queued.splice(0)) socket.send(data);
  }

  private emit(handler: 'onopen' | 'onclose' | 'onerror' | 'onmessage', event: unknown): void {
    (this[handler] as ((event: unknown) => unknown) | null)?.(event);
  }
}
