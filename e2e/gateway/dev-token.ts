import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject, sendJson } from './http-util.js';
import { mintToken, type MintClaims } from '../../tools/test-support/mint-token.js';

export const DEV_TOKEN_PATH = '/dev/token';

const MAX_TTL_SECONDS = 30 * 24 * 3600;

/** The body of POST /dev/token as MintClaims, or a message saying what is wrong. */
export function parseMintRequest(body: Record<string, unknown> | null): MintClaims | string {
  if (!body) return 'expected a JSON object';
  const { role, ttlSeconds, name, email, userId } = body;
  if (typeof role !== 'string' || role === '') return 'role must be a non-empty string';
  if (
    ttlSeconds !== undefined &&
    (typeof ttlSeconds !== 'number' ||
      !Number.isInteger(ttlSeconds) ||
      Math.abs(ttlSeconds) > MAX_TTL_SECONDS)
  ) {
    return `ttlSeconds must be an integer within ±${MAX_TTL_SECONDS}`;
  }
  if (name !== undefined && (typeof name !== 'string' || name === ''))
    return 'name must be a non-empty string';
  if (email !== undefined && typeof email !== 'string') return 'email must be a string';
  if (userId !== undefined && (typeof userId !== 'number' || !Number.isSafeInteger(userId)))
    return 'userId must be an integer';
  return { role, ttlSeconds, name, email, userId } as MintClaims;
}

/** The names a browser on this machine reaches the gateway by. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Whether `host` (the Host header) names this machine at `port`, the port the request came in
 * on. A page on any other name (a DNS-rebinding `rebind.attacker.example` resolving to
 * 127.0.0.1) sends its own name, so it cannot mint.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  const value = host?.toLowerCase();
  return LOOPBACK_HOSTS.some((name) => value === `${name}:${port}`);
}

/**
 * Whether the media type is `application/json` (parameters such as charset allowed). A page of
 * another origin can POST `text/plain` or a form without asking; JSON makes the browser ask
 * first (a CORS preflight), which this route never grants.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}

/**
 * Dev-only: mints a Texera-shaped token so the demo and tests can log in without Texera. Only
 * for a POST to a loopback Host at this port with a JSON body; anything else is a 403.
 */
export async function handleDevToken(
  secret: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST')
    return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
  if (!isLoopbackHost(req.headers.host, req.socket.localPort ?? 0))
    return sendJson(res, 403, {
      error: 'POST /dev/token answers only 127.0.0.1, localhost or [::1] at this port',
    });
  if (!isJsonContentType(req.headers['content-type']))
    return sendJson(res, 403, {
      error: 'POST /dev/token takes only Content-Type: application/json',
    });
  const claims = parseMintRequest(await readJsonObject(req, 4096));
  if (typeof claims === 'string') return sendJson(res, 400, { error: claims });
  const defined = Object.fromEntries(
    Object.entries(claims).filter(([, v]) => v !== undefined),
  ) as unknown as MintClaims;
  sendJson(res, 200, { token: await mintToken(secret, defined) }, { 'cache-control': 'no-store' });
}
