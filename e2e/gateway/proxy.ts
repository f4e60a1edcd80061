import {
  request,
  type Agent,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { endToEndHeaders, sendJson, writeRawResponse } from './http-util.js';

/** The client's method and path, sent to `upstreamUrl` with `headers` over `agent`. */
function upstreamRequest(
  upstreamUrl: string,
  agent: Agent,
  req: IncomingMessage,
  headers: OutgoingHttpHeaders,
): ClientRequest {
  const target = new URL(upstreamUrl);
  return request({
    host: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers,
    agent,
  });
}

/**
 * How the client's body is framed upstream. `Transfer-Encoding` is per hop, so it is never
 * copied; a chunked body is sent chunked again, whatever the method, as Envoy's HTTP/1 codec
 * chunk-encodes every body that has no Content-Length (envoyproxy/envoy#28515, #7753). Without
 * this, Node writes the body of a GET, HEAD, DELETE or OPTIONS unframed, so a body holding a
 * whole request became a second request on the pooled upstream connection, never checked.
 * A Content-Length is end-to-end and travels with the other headers.
 */
export function bodyFraming(client: IncomingHttpHeaders): OutgoingHttpHeaders {
  return client['transfer-encoding'] === undefined ? {} : { 'transfer-encoding': 'chunked' };
}

/** Forwards a request to `upstreamUrl` with `headers` over `agent`, streaming both bodies. */
export function forwardRequest(
  upstreamUrl: string,
  agent: Agent,
  req: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
): void {
  const framed = { ...headers, ...bodyFraming(req.headers) };
  const upstream = upstreamRequest(upstreamUrl, agent, req, framed);
  upstream.on('response', (up) => {
    res.writeHead(up.statusCode ?? 502, endToEndHeaders(up.headers));
    up.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) sendJson(res, 503, { error: 'upstream connect error' });
    else res.destroy();
  });
  // A client that goes away takes its upstream request with it.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/**
 * Forwards a WebSocket upgrade and, once the upstream answers 101, splices the two sockets.
 * A non-101 upstream answer (its own 401/403) is relayed as a plain HTTP response.
 */
export function forwardUpgrade(
  upstreamUrl: string,
  agent: Agent,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  headers: OutgoingHttpHeaders,
  done: (status: number) => void,
): void {
  // Once upgraded, the socket leaves the pool; it is closed with the client's.
  const upstream = upstreamRequest(upstreamUrl, agent, req, headers);
  upstream.on('upgrade', (up, upSocket, upHead) => {
    if (socket.destroyed) {
      upSocket.destroy();
      return done(499);
    }
    splice({ socket, head }, { response: up, socket: upSocket, head: upHead });
    done(101);
  });
  upstream.on('response', (up) => relayRefusal(up, socket, done));
  upstream.on('error', () => {
    writeRawResponse(socket, 503, { 'content-type': 'text/plain' }, 'upstream connect error');
    done(503);
  });
  upstream.end();
}

/**
 * Completes an upgrade the upstream accepted: its 101 goes to the client as sent, then each
 * side's early bytes and every later byte flow straight through until either side closes.
 */
function splice(
  client: { socket: Duplex; head: Buffer },
  upstream: { response: IncomingMessage; socket: Duplex; head: Buffer },
): void {
  const { rawHeaders } = upstream.response;
  const lines = [`HTTP/1.1 101 Switching Protocols`];
  for (let i = 0; i < rawHeaders.length; i += 2)
    lines.push(`${rawHeaders[i]}: ${rawHeaders[i + 1]}`);
  client.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (upstream.head.length) client.socket.write(upstream.head);
  if (client.head.length) upstream.socket.write(client.head);
  upstream.socket.on('error', () => client.socket.destroy());
  client.socket.on('error', () => upstream.socket.destroy());
  upstream.socket.on('close', () => client.socket.destroy());
  client.socket.on('close', () => upstream.socket.destroy());
  upstream.socket.pipe(client.socket).pipe(upstream.socket);
}

/** The upstream answered the upgrade with a plain response (its own 401/403): relay it whole. */
function relayRefusal(up: IncomingMessage, socket: Duplex, done: (status: number) => void): void {
  const chunks: Buffer[] = [];
  up.on('data', (chunk: Buffer) => chunks.push(chunk));
  up.on('end', () => {
    const status = up.statusCode ?? 502;
    writeRawResponse(socket, status, endToEndHeaders(up.headers), Buffer.concat(chunks));
    done(status);
  });
}
