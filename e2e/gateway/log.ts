import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactTokens } from '../../projects/agent-service-auth/src/index.js';

export type LogFn = (line: string) => void;

export const silent: LogFn = () => undefined;

/** The one way every server here writes a line: token values are redacted first. */
export function writeLog(log: LogFn, service: string, text: string): void {
  log(redactTokens(`[${service}] ${text}`));
}

/** One line per request, written when the response is finished (or the client went away). */
export function logRequest(
  log: LogFn,
  service: string,
  req: IncomingMessage,
  res: ServerResponse,
  note: () => string = () => '',
): void {
  const started = performance.now();
  res.once('close', () => {
    const ms = Math.round(performance.now() - started);
    const extra = note();
    // A response that never finished was cut off by the client; its statusCode means nothing.
    const status = res.writableFinished ? res.statusCode : 'aborted';
    writeLog(log, service, `${req.method} ${req.url} ${status} ${ms}ms${extra ? ` ${extra}` : ''}`);
  });
}
