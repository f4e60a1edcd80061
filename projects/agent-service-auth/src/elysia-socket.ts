import { CLOSE_UNAUTHENTICATED } from './close-codes.js';
import { admitRequest, refusalOf, type GuardContext } from './elysia-admission.js';
import { verifierOf, type AgentAuthOptions } from './elysia-options.js';
import { AgentTokenError } from './errors.js';
import { atExpiry, type ExpiryTimer } from './expiry-timer.js';
import type { AgentAuthContext } from './elysia-plugin.js';
import type { AgentTokenVerifier } from './verifier.js';

/** What a socket handler finds in `ws.data`: Elysia's request context plus the verified caller. */
export type AgentSocketData = AgentAuthContext & {
  request: Request;
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
};

/**
 * The members of Elysia's socket (`ElysiaWS`, on Bun or `@elysiajs/node`) the guard touches.
 * `readyState` is Bun's; `@elysiajs/node` keeps it on `raw.websocket`.
 */
export interface GuardedSocket {
  data: unknown;
  readonly readyState?: number;
  raw?: unknown;
  close(code?: number, reason?: string): unknown;
}

export type AgentSocketGuardOptions = AgentAuthOptions & {
  /**
   * Close an open socket with 4401 when its token's `exp` passes (default true): neither Envoy
   * nor nginx looks at a socket again after the upgrade.
   */
  closeAtExpiry?: boolean;
};

/** Spread into a `.ws()` route's options: the upgrade's admission, as an Elysia route hook. */
export interface AgentSocketGuard {
  // The context's type is the route's, which Elysia supplies at `.ws()`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  beforeHandle: ((context: any) => unknown)[];
}

const OPEN = 1;

/** An admitted upgrade, keyed by its Request: the one object both adapters keep in `ws.data`. */
interface AdmittedSocket {
  /** When to close it (ms since the epoch), or null to leave it open. */
  closeAt: number | null;
  timer?: ExpiryTimer;
}
const admitted = new WeakMap<Request, AdmittedSocket>();

/**
 * The guard of a `.ws()` route, which Texera's react socket needs (it sits on the outer app,
 * outside the guarded router), in three lines of the route's own options:
 *
 * ```ts
 * .ws('/api/agents/:id/react', {
 *   ...agentSocketGuard({ verifier }),
 *   open(ws) {
 *     if (!agentSocketOpened(ws)) return;
 *     ...
 *   },
 *   close(ws) {
 *     agentSocketClosed(ws);
 *     ...
 * ```
 *
 * The upgrade is admitted like a REST call (refused: an HTTP 401/403 with `{ error }`, never a
 * 101), with one rule more: a token past its `exp` never upgrades, even inside the verifier's
 * clock tolerance, since the socket would be closed the instant it opened. The handlers find
 * `agentUser` and `agentToken` in `ws.data`, and the token's identity in `x-user-*`.
 */
export function agentSocketGuard(options: AgentSocketGuardOptions): AgentSocketGuard {
  const verifier = expiredAtOnce(verifierOf(options));
  const closeAtExpiry = options.closeAtExpiry ?? true;
  const guard = async (context: GuardContext) => {
    const admission = await admitRequest(verifier, context.request);
    const refusal = refusalOf(admission, context);
    if (refusal !== undefined || !admission.admitted) return refusal;
    const fields: AgentAuthContext = { agentUser: admission.user, agentToken: admission.token };
    Object.assign(context, fields);
    admitted.set(context.request, { closeAt: closeAtExpiry ? admission.user.exp * 1000 : null });
    return undefined;
  };
  // An array on purpose: Elysia's adapters also call a lone beforeHandle function once more
  // inside the upgrade handler, ignoring its result; as a route hook in an array it runs once.
  return { beforeHandle: [guard] };
}

/**
 * The first line of the route's `open`: true when the app may set the socket up. False, and the
 * app's `open` must return at once, for a socket that is already closing (Bun runs `close`
 * before `open` for a socket closed during the upgrade), one whose token expired since the
 * upgrade (closed 4401), or one the guard never admitted (closed 4401: the guard is missing
 * from the route). Otherwise arms the close at `exp`.
 */
export function agentSocketOpened(ws: GuardedSocket): boolean {
  // First: on Bun a socket closed during the upgrade has had its close (and agentSocketClosed).
  if (!isOpen(ws)) return false;
  const socket = admittedSocket(ws);
  if (socket === undefined) {
    ws.close(CLOSE_UNAUTHENTICATED, 'not admitted');
    return false;
  }
  const { closeAt } = socket;
  if (closeAt === null) return true;
  if (closeAt <= Date.now()) {
    ws.close(CLOSE_UNAUTHENTICATED, 'token expired');
    return false;
  }
  socket.timer = atExpiry(closeAt / 1000, () => ws.close(CLOSE_UNAUTHENTICATED, 'token expired'));
  return true;
}

/** The first line of the route's `close`: drops the close at `exp` of a socket closed before. */
export function agentSocketClosed(ws: GuardedSocket): void {
  const request = requestOf(ws);
  if (request === undefined) return;
  admitted.get(request)?.timer?.cancel();
  admitted.delete(request);
}

function admittedSocket(ws: GuardedSocket): AdmittedSocket | undefined {
  const request = requestOf(ws);
  return request === undefined ? undefined : admitted.get(request);
}

function requestOf(ws: GuardedSocket): Request | undefined {
  const data = ws.data as { request?: unknown } | undefined;
  return data?.request instanceof Object ? (data.request as Request) : undefined;
}

function isOpen(ws: GuardedSocket): boolean {
  const state =
    ws.readyState ??
    (ws.raw as { websocket?: { readyState?: number } } | undefined)?.websocket?.readyState;
  // An adapter that reports no state at all is trusted to call open on an open socket.
  return state === undefined || state === OPEN;
}

/** The verifier for upgrades: past `exp` is expired, whatever clock tolerance REST allows. */
function expiredAtOnce(verifier: AgentTokenVerifier): AgentTokenVerifier {
  return {
    ready: () => verifier.ready(),
    async verify(token) {
      const user = await verifier.verify(token);
      if (user.exp * 1000 <= Date.now()) throw new AgentTokenError('expired');
      return user;
    },
  };
}
