import {
  request,
  type Agent,
  type ClientRequest,
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

/** Forwards a request to `upstreamUrl` with `headers` over `agent`, streaming both bodies. */
export function forwardRequest(
  upstreamUrl: string,
  agent: Agent,
  req: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
): void {
  const upstream = upstreamRequest(upstreamUrl, agent, req, headers);
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
    const lines = [`HTTP/1.1 101 Switching Protocols`];
    for (let i = 0; i < up.rawHeaders.length; i += 2)
      lines.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upHead.length) socket.write(upHead);
    if (head.length) upSocket.write(head);
    upSocket.on('error', () => socket.destroy());
    socket.on('error', () => upSocket.destroy());
    upSocket.on('close', () => socket.destroy());
    socket.on('close', () => upSocket.destroy());
    upSocket.pipe(socket).pipe(upSocket);
    done(101);
  });
  upstream.on('response', (up) => {
    const chunks: Buffer[] = [];
    up.on('data', (chunk: Buffer) => chunks.push(chunk));
    up.on('end', () => {
      writeRawResponse(
        socket,
        up.statusCode ?? 502,
        endToEndHeaders(up.headers),
        Buffer.concat(chunks),
      );
      done(up.statusCode ?? 502);
    });
  });
  upstream.on('error', () => {
    writeRawResponse(socket, 503, { 'content-type': 'text/plain' }, 'upstream connect error');
    done(503);
  });
  upstream.end();
}
