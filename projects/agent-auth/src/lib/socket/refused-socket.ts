import type { TokenProblem } from '../failures/failure';

/** The close code the agent-service (and this library) uses for "not authenticated". */
export const CLOSE_UNAUTHENTICATED = 4401;

type Listener = ((this: WebSocket, event: Event) => unknown) | null;

/**
 * What `open()` returns when there is no usable token: it behaves like a socket the server
 * refused. Asynchronously, so handlers assigned after `open()` returns (Texera assigns
 * `onmessage`/`onerror`/`onclose` on the next lines) still run, it fires `error` then `close`
 * with code 4401 and the token problem as its reason, and ends CLOSED. Nothing is sent anywhere.
 */
export class RefusedWebSocket extends EventTarget {
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
  binaryType: BinaryType = 'blob';
  readyState: number = RefusedWebSocket.CONNECTING;
  onopen: Listener = null;
  onmessage: Listener = null;
  onerror: Listener = null;
  onclose: Listener = null;

  /** `url` is the socket's URL without any token. */
  constructor(
    readonly url: string,
    problem: TokenProblem,
  ) {
    super();
    setTimeout(() => {
      this.readyState = RefusedWebSocket.CLOSED;
      this.fire(new Event('error'), this.onerror);
      this.fire(
        new CloseEvent('close', { code: CLOSE_UNAUTHENTICATED, reason: problem, wasClean: false }),
        this.onclose,
      );
    });
  }

  /** A closed socket drops what it is given, as a native one does. */
  send(): void {}

  /** Already on its way to CLOSED; the close event still comes. */
  close(): void {}

  private fire(event: Event, handler: Listener): void {
    handler?.call(this as unknown as WebSocket, event);
    this.dispatchEvent(event);
  }
}
