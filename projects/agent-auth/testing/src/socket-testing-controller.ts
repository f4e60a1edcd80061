import { type WebSocketConstructor, ɵredactToken as redactToken } from '@texera/agent-auth';

import { FakeWebSocket } from './fake-web-socket';
import { TestWebSocket } from './test-web-socket';

/**
 * Which socket a test means: its URL without the token parameter, absolute
 * (`ws://localhost/api/agents/a1/react`) or as a path (`/api/agents/a1/react`), or a predicate.
 */
export type SocketMatch = string | ((socket: TestWebSocket) => boolean);

/** The URL without its token parameter, the form tests match on. */
function withoutToken(url: string, param: string): URL {
  const parsed = new URL(url);
  parsed.searchParams.delete(param);
  return parsed;
}

function describeMatch(match: SocketMatch): string {
  return typeof match === 'string' ? `Match URL: ${match}` : `Match by function: ${match.name}`;
}

/**
 * Every agent socket the app opens under `provideAgentAuthTesting()`, for the test to take and
 * drive, in the style of `HttpTestingController`: `expectOne`, `match`, `expectNone`, `verify`.
 * Nothing reaches the network. Error messages show URLs with the token redacted.
 */
export class AgentSocketTestingController {
  private readonly unmatched: TestWebSocket[] = [];

  /** @internal what `AGENT_WEBSOCKET_CTOR` is routed to */
  readonly webSocketCtor: WebSocketConstructor;

  /** @internal built by `provideAgentAuthTesting()` */
  constructor(private readonly tokenQueryParam: string) {
    const track = (socket: TestWebSocket) => this.unmatched.push(socket);
    const param = tokenQueryParam;
    this.webSocketCtor = class ControlledWebSocket extends FakeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, (wire, socket) => {
          const token = new URL(socket.url).searchParams.get(param);
          track(new TestWebSocket(socket, token, wire));
        });
      }
    };
  }

  /** Takes every not yet matched socket that fits. */
  match(match: SocketMatch): TestWebSocket[] {
    const found = this.unmatched.filter((socket) => this.fits(socket, match));
    for (const socket of found) this.unmatched.splice(this.unmatched.indexOf(socket), 1);
    return found;
  }

  /** The one socket that fits; throws when there is none or more than one. */
  expectOne(match: SocketMatch, description = describeMatch(match)): TestWebSocket {
    const found = this.match(match);
    if (found.length > 1) {
      throw new Error(
        `Expected one matching socket for criteria "${description}", found ${found.length} sockets.`,
      );
    }
    if (found.length === 0) {
      let message = `Expected one matching socket for criteria "${description}", found none.`;
      if (this.unmatched.length > 0) message += ` Sockets opened are: ${this.describeUnmatched()}.`;
      throw new Error(message);
    }
    return found[0];
  }

  /** Throws when a socket fits. */
  expectNone(match: SocketMatch, description = describeMatch(match)): void {
    const found = this.match(match);
    if (found.length > 0) {
      throw new Error(
        `Expected zero matching sockets for criteria "${description}", found ${found.length}.`,
      );
    }
  }

  /** Throws when the app opened a socket the test never matched (call it in `afterEach`). */
  verify(): void {
    if (this.unmatched.length > 0) {
      throw new Error(
        `Expected no unmatched sockets, found ${this.unmatched.length}: ${this.describeUnmatched()}`,
      );
    }
  }

  private fits(socket: TestWebSocket, match: SocketMatch): boolean {
    if (typeof match === 'function') return match(socket);
    const url = withoutToken(socket.url, this.tokenQueryParam);
    return match === url.href || match === url.pathname + url.search;
  }

  private describeUnmatched(): string {
    return this.unmatched.map((socket) => redactToken(socket.url, this.tokenQueryParam)).join(', ');
  }
}
