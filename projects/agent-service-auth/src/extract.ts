/** Header bag of Node's IncomingMessage (`req.headers`). */
export type NodeHeaders = Record<string, string | string[] | undefined>;

/** The part of a Fetch `Headers` object this package reads. */
export interface FetchHeadersLike {
  get(name: string): string | null;
}

/**
 * The framework-free request shape: Node's IncomingMessage, a Fetch `Request` (Bun, Deno,
 * undici), or a plain object. `url` may be absolute or path-only. `body`, when given, is the
 * already-read body: a string (JSON or urlencoded), URLSearchParams, or a parsed JSON object.
 * A streaming body (a Fetch Request's ReadableStream) is not read.
 */
export interface AgentRequestLike {
  url?: string | null;
  headers?: NodeHeaders | FetchHeadersLike | null;
  body?: unknown;
}

/** Query parameter the library puts on agent WebSocket URLs. */
export const TOKEN_QUERY_PARAM = 'access-token';
/** Body field accepted last, for form posts. */
export const TOKEN_BODY_FIELD = 'token';

/**
 * The token a request presents, or null: query `access-token`, then `Authorization: Bearer`
 * (scheme case-insensitive, value trimmed), then body `token`. An empty value counts as absent.
 * Never throws.
 */
export function extractAgentToken(request: AgentRequestLike): string | null {
  return fromQuery(request.url) ?? fromAuthorization(request.headers) ?? fromBody(request.body);
}

function fromQuery(url: string | null | undefined): string | null {
  // Most requests carry no query: no URL to parse then (this runs on every agent request).
  if (!url?.includes('?')) return null;
  try {
    return present(new URL(url, 'http://request.invalid').searchParams.get(TOKEN_QUERY_PARAM));
  } catch {
    return null;
  }
}

export function headerValue(
  headers: NodeHeaders | FetchHeadersLike | null | undefined,
  name: string,
): string | null {
  if (!headers) return null;
  if (typeof (headers as FetchHeadersLike).get === 'function') {
    return (headers as FetchHeadersLike).get(name);
  }
  const value = (headers as NodeHeaders)[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function fromAuthorization(headers: AgentRequestLike['headers']): string | null {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(headerValue(headers, 'authorization') ?? '');
  return match ? match[1] : null;
}

function fromBody(body: unknown): string | null {
  if (body instanceof URLSearchParams) return present(body.get(TOKEN_BODY_FIELD));
  if (typeof body === 'string') return fromBodyText(body);
  if (isPlainObject(body)) {
    const value = body[TOKEN_BODY_FIELD];
    return typeof value === 'string' ? present(value) : null;
  }
  return null;
}

function fromBodyText(text: string): string | null {
  if (text.trimStart().startsWith('{')) {
    try {
      return fromBody(JSON.parse(text));
    } catch {
      return null;
    }
  }
  return present(new URLSearchParams(text).get(TOKEN_BODY_FIELD));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function present(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
