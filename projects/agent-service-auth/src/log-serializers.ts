import { redactTokens } from './redact.js';

const MAX_DEPTH = 6;
/** Headers that carry credentials whole: nothing of them is kept but an auth scheme. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** `Bearer redacted` for `Bearer <anything>`; just `redacted` when there is no scheme word. */
function credentialValue(value: unknown): string {
  const scheme = /^\s*([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(String(value))?.[1];
  return scheme ? `${scheme} redacted` : 'redacted';
}

/**
 * A value as plain data with every string passed through redactTokens (access-token values,
 * Bearer values, bare JWTs); cycles and depth beyond MAX_DEPTH are cut. Keys are redacted too,
 * since a query string can end up as one.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactTokens(value);
  if (value instanceof Error) return serializeError(value, depth, seen);
  // Boxed strings and bytes would otherwise be written character by character (their indexed
  // entries), out of reach of the patterns: read them as the text they hold.
  if (value instanceof String) return redactTokens(value.valueOf());
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return redactTokens(asText(value));
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[cut]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[redactTokens(key)] = redactDeep(item, depth + 1, seen);
  }
  return out;
}

function asText(bytes: ArrayBufferView | ArrayBuffer): string {
  const view = ArrayBuffer.isView(bytes)
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
  return new TextDecoder().decode(view);
}

function serializeError(error: Error, depth = 0, seen = new WeakSet<object>()): unknown {
  if (seen.has(error) || depth >= MAX_DEPTH) return '[cut]';
  seen.add(error);
  const own = redactDeep({ ...error }, depth + 1, seen) as Record<string, unknown>;
  return {
    ...own,
    // The name is the app's to set, and may quote anything (a token included).
    type: redactTokens(String(error.name)),
    message: redactTokens(error.message),
    ...(error.stack !== undefined && { stack: redactTokens(error.stack) }),
    ...(error.cause !== undefined && { cause: redactDeep(error.cause, depth + 1, seen) }),
  };
}

function headerEntries(headers: unknown): [string, unknown][] {
  if (headers instanceof Headers) {
    // forEach, not entries(): a DOM lib without dom.iterable (as e2e's) has no iterable Headers.
    const entries: [string, unknown][] = [];
    headers.forEach((value, name) => entries.push([name, value]));
    return entries;
  }
  return headers !== null && typeof headers === 'object' ? Object.entries(headers) : [];
}

function safeHeaders(headers: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of headerEntries(headers)) {
    const lower = name.toLowerCase();
    out[name] = !SECRET_HEADERS.has(lower)
      ? redactDeep(value)
      : lower.endsWith('authorization')
        ? credentialValue(value)
        : 'redacted';
  }
  return out;
}

/** A Fetch Request (Bun, Elysia) or a Node IncomingMessage, as method, redacted url and headers. */
function serializeRequest(request: unknown): unknown {
  if (request === null || typeof request !== 'object') return redactDeep(request);
  const { method, url, headers } = request as {
    method?: unknown;
    url?: unknown;
    headers?: unknown;
  };
  return {
    method,
    url: typeof url === 'string' ? redactTokens(url) : url,
    headers: safeHeaders(headers),
  };
}

/**
 * pino serializers that keep tokens out of the log: `pino({ serializers: tokenSafeSerializers })`.
 * `err`/`error` (Texera logs `{ err: error }`) keep type, message, stack and cause, redacted;
 * `req`/`request` keep method, url and headers, with `?access-token=` values, Bearer values and
 * bare JWTs replaced, `Authorization` reduced to its scheme and `Cookie` to nothing.
 */
export const tokenSafeSerializers = {
  err: (error: unknown) => redactDeep(error),
  error: (error: unknown) => redactDeep(error),
  req: serializeRequest,
  request: serializeRequest,
};
