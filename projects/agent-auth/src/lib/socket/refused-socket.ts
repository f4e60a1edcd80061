import type { TokenProblem } from '../failures/failure';
import { CLOSE_UNAUTHENTICATED } from './close-codes';

type Handler<E extends Event> = ((this: WebSocket, event: E) => unknown) | null;

/**
 * What `open()` returns when there is no usable token: it behaves like a socket the server
 * refused. Asynchronously, so handlers assigned after `open()` returns (Texera assigns
 * `onmessage`/`onerror`/`onclose` on the next lines) still run, it fires `error` then `close`
 * with code 4401 and the token problem as its reason, and ends CLOSED. Nothing is sent anywhere.
 */
export class RefusedWebSocket extends EventTarget implements WebSocket {
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
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;

  /** `url` is the socket's URL without any token. */
  constructor(
    readonly url: string,
    problem: TokenProblem,
  ) {
    super();
    setTimeout(() => {
      this.readyState = RefusedWebSocket.CLOSED;
      const error = new Event('error');
      this.onerror?.(error);
      this.dispatchEvent(error);
      const close = new CloseEvent('close', {
        code: CLOSE_UNAUTHENTICATED,
        reason: problem,
        wasClean: false,
      });
      this.onclose?.(close);
      this.dispatchEvent(close);
    });
  }

  /** As a browser's socket: an error while connecting, dropped once closed. */
  send(): void {
    if (this.readyState === RefusedWebSocket.CONNECTING) {
      throw new DOMException(
        "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
        'InvalidStateError',
      );
    }
  }

  /** Already on its way to CLOSED; the close event still comes. */
  close(): void {}
}
