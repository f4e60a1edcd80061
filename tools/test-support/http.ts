// HTTP on loopback for tests: a recording server, one exchange per fresh connection, raw bytes.
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import { readBody } from './read-body.js';
import { listen, type RunningServer } from './servers.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Which TCP connection it came on: 1 for the server's first, 2 for the next, ... */
  connection: number;
}

export interface Reply {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string;
}

export type Recorder = RunningServer & {
  received: Recorded[];
  reply: (req: Recorded) => Reply | 'hang';
  /** The `connection` numbers of the connections that have closed. */
  closedConnections: Set<number>;
};

/** A loopback server that records every request and answers with `reply` (swappable). */
export async function startRecorder(reply: Recorder['reply']): Promise<Recorder> {
  const received: Recorded[] = [];
  const handle: Pick<Recorder, 'reply'> = { reply };
  const connections = new WeakMap<Socket, number>();
  const closedConnections = new Set<number>();
  let opened = 0;
  const server = createServer(async (req, res) => {
    const entry = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: (await readBody(req, 1 << 20)).toString(),
      connection: connections.get(req.socket) ?? 0,
    };
    received.push(entry);
    const answer = handle.reply(entry);
    if (answer === 'hang') return;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? '');
  });
  server.on('connection', (socket: Socket) => {
    const number = ++opened;
    connections.set(socket, number);
    socket.once('close', () => closedConnections.add(number));
  });
  const running = await listen(server);
  return Object.assign(handle, running, { received, closedConnections }) as Recorder;
}

/**
 * Resolves once `check()` holds; rejects with `what` if it does not within `ms`, a bound for a
 * check that never holds, generous for a machine with no spare CPU.
 */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP exchange on a fresh connection, with exactly the headers and path given. */
export function send(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
    // Host and port from the URL, the path raw: WHATWG parsing would resolve dot segments.
    const { hostname, port } = new URL(url);
    const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '') || '/';
    const options = {
      hostname,
      port,
      path,
      method,
      headers: { ...length, ...headers },
      agent: false,
    };
    const req = request(options, async (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: (await readBody(res, 1 << 20)).toString(),
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Writes `bytes` as they are onto a fresh TCP connection to `url`'s host and port and resolves
 * with everything that comes back until the server closes it: for requests no HTTP client would
 * send (a body on a GET, a fragment in the target). Send `Connection: close` to end it.
 */
export function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}

/** The status code of a raw HTTP/1.1 response. */
export function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3}) /.exec(raw)?.[1] ?? 0);
}

/** A body in HTTP/1.1 chunked framing, one chunk per part. */
export function chunked(...parts: string[]): string {
  const chunks = parts.map((part) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`);
  return `${chunks.join('')}0\r\n\r\n`;
}
