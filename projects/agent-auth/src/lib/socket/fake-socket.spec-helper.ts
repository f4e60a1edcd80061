/** Just enough of a browser WebSocket; the test plays the server through its methods. */
export class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  readyState = 0;
  binaryType: BinaryType = 'blob';
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  readonly sent: unknown[] = [];

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    super();
    FakeSocket.made.push(this);
  }

  send(data: unknown): void {
    this.sent.push(data);
  }

  /** What the client asked for when it closed the socket (the app, rxjs or the library). */
  closedWith: { code?: number; reason?: string } | null = null;

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 2;
  }

  accept(): void {
    this.readyState = 1;
    this.fire(new Event('open'), this.onopen);
  }

  message(data: string): void {
    this.fire(new MessageEvent('message', { data }), this.onmessage);
  }

  serverClose(code: number, wasClean = true): void {
    this.readyState = 3;
    this.fire(new CloseEvent('close', { code, wasClean }), this.onclose);
  }

  /** What a browser shows for an upgrade the gateway answered with 401/403: error, then 1006. */
  refuse(): void {
    this.readyState = 3;
    this.fire(new Event('error'), this.onerror);
    this.fire(new CloseEvent('close', { code: 1006, wasClean: false }), this.onclose);
  }

  tokens(): string[] {
    return new URL(this.url).searchParams.getAll('access-token');
  }

  /** The server's answer to a client close: the same code echoed back. */
  echoClose(): void {
    this.serverClose(this.closedWith?.code ?? 1005);
  }

  private fire<E extends Event>(event: E, handler: ((event: E) => void) | null): void {
    this.dispatchEvent(event);
    handler?.(event);
  }
}
