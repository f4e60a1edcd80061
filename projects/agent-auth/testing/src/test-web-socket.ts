import { type ClientClose, FakeWebSocket, type WebSocketData, type Wire } from './fake-web-socket';

/** Frames a test hands to `receive`: text, binary, or any other value, sent as its JSON. */
export type TestFrame = string | ArrayBuffer | ArrayBufferView | Blob | object;

const STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];

function messageData(frame: TestFrame, binaryType: BinaryType): string | ArrayBuffer | Blob {
  if (typeof frame === 'string') return frame;
  if (typeof Blob === 'function' && frame instanceof Blob) {
    if (binaryType === 'blob') return frame;
    throw new TypeError('receive(): the socket wants an ArrayBuffer (binaryType "arraybuffer")');
  }
  const binary = ArrayBuffer.isView(frame)
    ? frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength)
    : frame instanceof ArrayBuffer
      ? frame
      : null;
  if (binary === null) return JSON.stringify(frame);
  return binaryType === 'blob' ? new Blob([binary as ArrayBuffer]) : (binary as ArrayBuffer);
}

/**
 * One socket the app opened, as `AgentSocketTestingController` hands it to the test (what
 * `TestRequest` is to `HttpTestingController`): the test plays the server with `open`,
 * `receive`, `close` and `refuse`, and reads what the app did in `sent` and `clientClose`.
 */
export class TestWebSocket {
  /** The URL exactly as the app's WebSocket got it, token parameter included. */
  readonly url: string;

  /**
   * @param socket the WebSocket the app holds.
   * @param token the value of the URL's token parameter, or null.
   */
  constructor(
    readonly socket: WebSocket,
    readonly token: string | null,
    private readonly wire: Wire,
  ) {
    this.url = socket.url;
  }

  /** Every frame the app sent while the socket was open, in order. */
  get sent(): readonly WebSocketData[] {
    return this.wire.sent;
  }

  /** The app's own `close(code, reason)` call, or null if it never closed the socket. */
  get clientClose(): ClientClose | null {
    return this.wire.clientClose;
  }

  /** The server accepts the upgrade: `readyState` OPEN, then an `open` event. */
  open(protocol = ''): void {
    this.expectState('open', FakeWebSocket.CONNECTING);
    this.wire.accept(protocol);
  }

  /** The server sends a frame: a `message` event; binary frames follow the socket's binaryType. */
  receive(frame: TestFrame): void {
    this.expectState('receive', FakeWebSocket.OPEN);
    this.wire.deliver(messageData(frame, this.socket.binaryType));
  }

  /**
   * The server closes the connection: `readyState` CLOSED, then a clean `close` event with this
   * code and reason (e.g. 4401, what the agent-service sends when a token expires).
   */
  close(code = 1000, reason = ''): void {
    this.expectState('close', FakeWebSocket.OPEN, FakeWebSocket.CLOSING);
    this.wire.finish(code, reason);
  }

  /**
   * The upgrade is refused (the gateway answered 401/403 instead of 101): as in the browser,
   * `error` then `close` with code 1006, the HTTP status hidden from the page.
   */
  refuse(): void {
    this.expectState('refuse', FakeWebSocket.CONNECTING);
    this.wire.refuse();
  }

  private expectState(action: string, ...allowed: number[]): void {
    const state = this.socket.readyState;
    if (!allowed.includes(state)) {
      throw new Error(
        `TestWebSocket.${action}(): the socket is ${STATE_NAMES[state]}, not ${allowed
          .map((s) => STATE_NAMES[s])
          .join(' or ')}`,
      );
    }
  }
}
