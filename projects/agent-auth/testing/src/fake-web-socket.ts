/** What `WebSocket.send` takes. */
export type WebSocketData = string | ArrayBufferLike | Blob | ArrayBufferView;

/** How the app closed its socket: the arguments it passed to `close()`. */
export interface ClientClose {
  readonly code: number | undefined;
  readonly reason: string | undefined;
}

/** The server's side of one fake socket, shared with the test's handle (`TestWebSocket`). */
export interface Wire {
  /** Every frame the app sent while the socket was open, in order. */
  readonly sent: WebSocketData[];
  clientClose: ClientClose | null;
  accept(protocol: string): void;
  deliver(data: string | ArrayBuffer | Blob): void;
  finish(code: number, reason: string): void;
  refuse(): void;
}

type Handler<E extends Event> = ((this: WebSocket, event: E) => unknown) | null;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

// RFC 6455: the codes an application may send; 1000 is the only one below 3000 a browser allows.
const isSendableCode = (code: number) => code === 1000 || (code >= 3000 && code <= 4999);

/** Node before 23 has no CloseEvent; browsers, jsdom and happy-dom do. */
function closeEvent(init: CloseEventInit): CloseEvent {
  if (typeof CloseEvent === 'function') return new CloseEvent('close', init);
  const { code = 0, reason = '', wasClean = false } = init;
  return Object.assign(new Event('close'), { code, reason, wasClean }) as CloseEvent;
}

function socketUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DOMException(`The URL '${url}' is invalid.`, 'SyntaxError');
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new DOMException(`The URL's scheme must be 'ws' or 'wss'.`, 'SyntaxError');
  }
  if (parsed.hash) {
    throw new DOMException(`The URL contains a fragment identifier.`, 'SyntaxError');
  }
  return parsed;
}

/**
 * A WebSocket that never touches the network, behaving as the browser's does: an EventTarget with
 * the `on*` handler properties (which, as in the browser, are listeners in registration order
 * alongside `addEventListener` ones), `readyState`, `send` and `close` with the browser's checks,
 * and events in the browser's order. The test plays the server through the `Wire` it is given.
 */
export class FakeWebSocket extends EventTarget implements WebSocket {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;
  readonly CONNECTING = CONNECTING;
  readonly OPEN = OPEN;
  readonly CLOSING = CLOSING;
  readonly CLOSED = CLOSED;

  readonly url: string;
  readonly extensions = '';
  readonly bufferedAmount = 0;
  binaryType: BinaryType = 'blob';
  private state: number = CONNECTING;
  private acceptedProtocol = '';
  private readonly wire: Wire;
  private readonly handlers = new Map<string, { fn: Handler<Event>; listener: EventListener }>();

  constructor(
    url: string | URL,
    protocols: string | string[] = [],
    /** @internal how the controller gets the server's side of this socket */
    connect?: (wire: Wire, socket: FakeWebSocket) => void,
  ) {
    super();
    this.url = socketUrl(url).href;
    const requested = typeof protocols === 'string' ? [protocols] : protocols;
    const wire: Wire = {
      sent: [],
      clientClose: null,
      accept: (protocol) => {
        if (protocol !== '' && !requested.includes(protocol)) {
          throw new Error(`the app asked for [${requested.join(', ')}], not "${protocol}"`);
        }
        this.acceptedProtocol = protocol;
        this.state = OPEN;
        this.dispatchEvent(new Event('open'));
      },
      deliver: (data) => {
        const origin = new URL(this.url).origin;
        this.dispatchEvent(new MessageEvent('message', { data, origin }));
      },
      finish: (code, reason) => this.end(code, reason, true),
      refuse: () => this.end(1006, '', false),
    };
    this.wire = wire;
    connect?.(wire, this);
  }

  get readyState(): number {
    return this.state;
  }

  get protocol(): string {
    return this.acceptedProtocol;
  }

  get onopen(): Handler<Event> {
    return this.handlerOf('open');
  }
  set onopen(fn: Handler<Event>) {
    this.setHandler('open', fn);
  }
  get onmessage(): Handler<MessageEvent> {
    return this.handlerOf('message');
  }
  set onmessage(fn: Handler<MessageEvent>) {
    this.setHandler('message', fn as Handler<Event>);
  }
  get onerror(): Handler<Event> {
    return this.handlerOf('error');
  }
  set onerror(fn: Handler<Event>) {
    this.setHandler('error', fn);
  }
  get onclose(): Handler<CloseEvent> {
    return this.handlerOf('close');
  }
  set onclose(fn: Handler<CloseEvent>) {
    this.setHandler('close', fn as Handler<Event>);
  }

  send(data: WebSocketData): void {
    if (this.state === CONNECTING) {
      throw new DOMException(
        "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
        'InvalidStateError',
      );
    }
    // A closing or closed socket drops the frame without an error, as the browser does.
    if (this.state === OPEN) this.wire.sent.push(data);
  }

  /**
   * The app's close. Like the browser, it completes asynchronously (here on a microtask): an open
   * socket gets a clean `close` event with the app's code (1005 without one); a connecting one
   * fails, `error` then `close` 1006.
   */
  close(code?: number, reason?: string): void {
    if (code !== undefined && !isSendableCode(code)) {
      throw new DOMException(
        `Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`,
        'InvalidAccessError',
      );
    }
    if (reason !== undefined && new TextEncoder().encode(reason).length > 123) {
      throw new DOMException(
        "Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.",
        'SyntaxError',
      );
    }
    if (this.state === CLOSING || this.state === CLOSED) return;
    this.wire.clientClose = { code, reason };
    const wasOpen = this.state === OPEN;
    this.state = CLOSING;
    queueMicrotask(() =>
      wasOpen ? this.end(code ?? 1005, reason ?? '', true) : this.end(1006, '', false),
    );
  }

  /** CLOSED, then (for a failed connection) `error`, then `close`: the browser's order. */
  private end(code: number, reason: string, wasClean: boolean): void {
    if (this.state === CLOSED) return;
    this.state = CLOSED;
    if (!wasClean) this.dispatchEvent(new Event('error'));
    this.dispatchEvent(closeEvent({ code, reason, wasClean }));
  }

  private handlerOf<E extends Event>(type: string): Handler<E> {
    return (this.handlers.get(type)?.fn ?? null) as Handler<E>;
  }

  /**
   * An `on*` property is one listener, added where it was first set and removed when set to
   * null, so it runs in order with the `addEventListener` ones exactly as in the browser.
   */
  private setHandler(type: string, fn: Handler<Event>): void {
    const slot = this.handlers.get(type);
    if (typeof fn !== 'function') {
      if (slot) this.removeEventListener(type, slot.listener);
      this.handlers.delete(type);
    } else if (slot) {
      slot.fn = fn;
    } else {
      const added = {
        fn,
        listener: (event: Event) => added.fn?.call(this, event),
      };
      this.handlers.set(type, added);
      this.addEventListener(type, added.listener);
    }
  }
}
