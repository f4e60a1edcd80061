type Handler = ((event: never) => unknown) | null;

// The numeric readyState values, so nothing here needs a global WebSocket (server rendering).
const CONNECTING = 0;
const CLOSED = 3;

/**
 * Stands in for a WebSocket while an async tokenGetter answers, because rxjs calls its
 * `WebSocketCtor` hook synchronously. It carries exactly what `WebSocketSubject` touches:
 * the four `on*` handlers, `binaryType`, `readyState`, `send` and `close`.
 */
export class PendingWebSocket<T> {
  binaryType: BinaryType = 'blob';
  onopen: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;
  onmessage: Handler = null;

  private socket: WebSocket | null = null;
  private cancelled = false;

  /** `create` builds the real socket once `ready` settles, or throws (AgentAuthError). */
  constructor(ready: Promise<T>, create: (value: T) => WebSocket) {
    void ready.then((value) => {
      if (this.cancelled) return;
      try {
        this.attach(create(value));
      } catch (error) {
        // rxjs hands whatever `onerror` receives to the subscribers, so they get the real error.
        this.emit('onerror', error);
      }
    });
  }

  get readyState(): number {
    return this.socket?.readyState ?? (this.cancelled ? CLOSED : CONNECTING);
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    this.socket?.send(data);
  }

  /** Before the token arrived, closing means the socket is never built at all. */
  close(code?: number, reason?: string): void {
    if (this.socket) this.socket.close(code, reason);
    else this.cancelled = true;
  }

  private attach(socket: WebSocket): void {
    this.socket = socket;
    socket.binaryType = this.binaryType;
    socket.onopen = (event) => this.emit('onopen', event);
    socket.onclose = (event) => this.emit('onclose', event);
    socket.onerror = (event) => this.emit('onerror', event);
    socket.onmessage = (event) => this.emit('onmessage', event);
  }

  private emit(handler: 'onopen' | 'onclose' | 'onerror' | 'onmessage', event: unknown): void {
    (this[handler] as ((event: unknown) => unknown) | null)?.(event);
  }
}
