import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject, sendJson } from './http-util.js';
import { mintToken, type MintClaims } from './mint.js';

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

/** Dev-only: mints a Texera-shaped token so the demo and tests can log in without Texera. */
export async function handleDevToken(
  secret: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST')
    return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
  const claims = parseMintRequest(await readJsonObject(req, 4096));
  if (typeof claims === 'string') return sendJson(res, 400, { error: claims });
  const defined = Object.fromEntries(
    Object.entries(claims).filter(([, v]) => v !== undefined),
  ) as unknown as MintClaims;
  sendJson(res, 200, { token: await mintToken(secret, defined) }, { 'cache-control': 'no-store' });
}
