import { admitAgentToken, type Admitted, type Refused } from './admit.js';
import { JwtSecretError } from './errors.js';
import { extractAgentToken } from './extract.js';
import { IDENTITY_HEADERS, identityHeaders } from './identity-headers.js';
import type { AgentTokenVerifier } from './verifier.js';

/**
 * The part of an Elysia context the guards use. `status` comes from the context, never from an
 * `import { status } from 'elysia'`: an app whose Elysia is another copy of the module (the
 * CommonJS build beside our ESM one) only recognises a refusal made by its own copy, and would
 * otherwise take the refusal for derived values and serve the route.
 */
export interface GuardContext {
  request: Request;
  set: { headers: Record<string, unknown> };
  status(code: number, body: unknown): unknown;
}

/**
 * One request's admission from its token alone: `?access-token`, then `Authorization: Bearer`
 * (as extractAgentToken reads them; never the body, which the gateway's check never sees either).
 */
export async function admitRequest(
  verifier: AgentTokenVerifier,
  request: Request,
): Promise<Admitted | Refused> {
  const token = extractAgentToken({ url: request.url, headers: request.headers });
  try {
    return await admitAgentToken(verifier, token);
  } catch (error) {
    // The secret failed to load (a service that skipped `ready()`): the server's fault, so a 500
    // in Texera's shape at whatever stage decides (Elysia would make a throw at the parse stage
    // its own 400), never a 401 that would sign the user out. The message names no secret.
    if (error instanceof JwtSecretError) return SECRET_UNAVAILABLE;
    throw error;
  }
}

/** What the guards answer while the verifier has no secret. */
export const SECRET_UNAVAILABLE: Refused = {
  admitted: false,
  status: 500,
  reason: 'secret',
  headers: {},
  body: { error: 'The agent-service cannot verify tokens: its JWT secret is not loaded' },
};

/**
 * The key of Elysia's parsed headers, read by key rather than by name: Elysia builds
 * `context.headers` only for routes whose hooks name it, and the guard must not make every route
 * pay for that. When the route has the object (its handler reads headers), it gets the identity.
 */
const CONTEXT_HEADERS = 'headers';

/** Why a request is refused when the token's identity cannot replace what the client sent. */
export const SPOOFED_IDENTITY_ERROR = 'x-user-* headers are set by the gateway, not the client';

/**
 * The refusal Elysia sends for `admission` (with its challenge header), or undefined for an
 * admitted request, whose `x-user-*` headers now say the token's identity wherever a handler
 * reads them: `context.headers` and `request.headers` (which a socket's `ws.data.request` is).
 * Overwritten, not removed, as the gateway does, so a handler behind it and one reached directly
 * read the same thing. Should a runtime hand over read-only headers, a request that carries its
 * own `x-user-*` is refused 400 rather than served with them.
 */
export function refusalOf(admission: Admitted | Refused, context: GuardContext): unknown {
  if (!admission.admitted) {
    Object.assign(context.set.headers, admission.headers);
    return context.status(admission.status, admission.body);
  }
  const identity = identityHeaders(admission.user);
  if (!overwriteIdentity(context.request.headers, identity)) {
    return context.status(400, { error: SPOOFED_IDENTITY_ERROR });
  }
  const parsed = (context as unknown as Record<string, unknown>)[CONTEXT_HEADERS];
  if (parsed && typeof parsed === 'object') Object.assign(parsed, identity);
  return undefined;
}

/**
 * Sets every identity header on `headers`; false when they are read-only and still carry a
 * client's `x-user-*` (read-only headers without any are left as they are: nothing to trust).
 */
export function overwriteIdentity(headers: Headers, identity: Record<string, string>): boolean {
  try {
    for (const [name, value] of Object.entries(identity)) headers.set(name, value);
    return true;
  } catch {
    return IDENTITY_HEADERS.every((name) => !headers.has(name));
  }
}
