import type { Page, Request, WebSocket } from '@playwright/test';

/**
 * The paths whose calls must carry the token, as the library's default `apiPaths` scope them:
 * the agent-service, and the model list the demo's fetchModelTypes reads as Texera's does.
 */
export const AGENT_PATHS: readonly string[] = ['/api/agents', '/api/models'];

function isAgentPath(pathname: string): boolean {
  return AGENT_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/** One REST call as the browser sent it. */
export interface AgentCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  /** null when no response came back (aborted, or still in flight). */
  readonly status: number | null;
}

export interface SocketRecord {
  readonly socket: WebSocket;
  readonly url: URL;
  readonly received: string[];
  closed: boolean;
}

/**
 * Everything the page does on the network, recorded from the browser's side with
 * `page.on('request')` / `page.on('websocket')`, plus main-frame navigations and console text.
 */
export class Traffic {
  readonly requests: Request[] = [];
  readonly sockets: SocketRecord[] = [];
  readonly navigations: string[] = [];
  readonly console: string[] = [];
  private readonly origin: string;

  constructor(page: Page, appUrl: string) {
    this.origin = new URL(appUrl).origin;
    page.on('request', (request) => this.requests.push(request));
    page.on('websocket', (socket) => {
      const record: SocketRecord = {
        socket,
        url: new URL(socket.url()),
        received: [],
        closed: false,
      };
      socket.on('framereceived', ({ payload }) => record.received.push(String(payload)));
      socket.on('close', () => (record.closed = true));
      this.sockets.push(record);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.navigations.push(frame.url());
    });
    page.on('console', (message) => this.console.push(message.text()));
  }

  /**
   * REST requests to this app's own `AGENT_PATHS` (WebSocket upgrades are in `sockets`), from
   * the `since`-th request recorded on (e.g. `requests.length` taken before a reload).
   */
  agentRequests(since = 0): Request[] {
    return this.requests.slice(since).filter((request) => {
      const url = new URL(request.url());
      return url.origin === this.origin && isAgentPath(url.pathname);
    });
  }

  async agentCalls(since = 0): Promise<AgentCall[]> {
    return describeCalls(this.agentRequests(since));
  }

  /** The app's own XHR/fetch calls to this origin outside `AGENT_PATHS` (no page loads). */
  async otherCalls(): Promise<AgentCall[]> {
    return describeCalls(
      this.requests.filter((request) => {
        const url = new URL(request.url());
        const byCode = ['xhr', 'fetch'].includes(request.resourceType());
        return byCode && url.origin === this.origin && !isAgentPath(url.pathname);
      }),
    );
  }

  requestsTo(origin: string): Request[] {
    return this.requests.filter((request) => new URL(request.url()).origin === origin);
  }

  /** Main-frame navigations (full loads and router pushState alike) whose path is `path`. */
  navigationsTo(path: string): number {
    return this.navigations.filter((url) => new URL(url).pathname === path).length;
  }
}

function describeCalls(requests: Request[]): Promise<AgentCall[]> {
  return Promise.all(
    requests.map(async (request) => {
      const headers = await request.allHeaders();
      const response = await request.response().catch(() => null);
      return {
        method: request.method(),
        path: new URL(request.url()).pathname,
        authorization: headers['authorization'],
        status: response?.status() ?? null,
      };
    }),
  );
}
