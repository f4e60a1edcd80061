// WebSocket clients for tests: open or be refused (with the HTTP answer), frames, the close.
import WebSocket from 'ws';
import type { Response } from './http.js';
import { readBody } from './read-body.js';

export type Frame = Record<string, unknown>;

/** An open socket and every JSON frame it has received so far (recorded from the first byte). */
export interface OpenSocket {
  ws: WebSocket;
  frames: Frame[];
}

export type SocketResult = { opened: OpenSocket } | { refused: Response };

/** Opens a WebSocket; resolves once open, or with the HTTP response that refused the upgrade. */
export function openSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<SocketResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: Frame[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
    ws.once('open', () => resolve({ opened: { ws, frames } }));
    ws.once('unexpected-response', async (_req, res) => {
      const body = (await readBody(res, 1 << 20)).toString();
      resolve({ refused: { status: res.statusCode ?? 0, headers: res.headers, body } });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

export async function mustOpen(
  url: string,
  headers: Record<string, string> = {},
): Promise<OpenSocket> {
  const result = await openSocket(url, headers);
  if ('refused' in result) throw new Error(`upgrade refused with ${result.refused.status}`);
  return result.opened;
}

export async function mustRefuse(
  url: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const result = await openSocket(url, headers);
  if ('opened' in result) {
    result.opened.ws.terminate();
    throw new Error('upgrade was accepted');
  }
  return result.refused;
}

export function wsUrl(httpUrl: string, path: string): string {
  return httpUrl.replace(/^http/, 'ws') + path;
}

/** Waits until a frame matching `until` has arrived; resolves with all frames so far. */
export function framesUntil(
  { ws, frames }: OpenSocket,
  until: (frame: Frame) => boolean,
  ms = 3000,
): Promise<Frame[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!frames.some(until)) return;
      cleanup();
      resolve(frames);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no matching frame in ${ms} ms: ${JSON.stringify(frames)}`));
    }, ms);
    const cleanup = () => {
      clearTimeout(timer);
      ws.off('message', onMessage);
    };
    const onMessage = () => setImmediate(check);
    ws.on('message', onMessage);
    check();
  });
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}
