import { status } from 'elysia';
import type { ElysiaWS } from 'elysia/ws';
import { atExpiry, CLOSE_TOKEN_EXPIRED, type ExpiryTimer } from './expiry-timer.js';
import {
  admitRequest,
  applyAdmission,
  CONTEXT_HEADERS,
  type AgentAuthContext,
} from './elysia-plugin.js';
import { verifierOf, type AgentAuthOptions } from './elysia-options.js';

/** What a socket handler finds in `ws.data`: Elysia's request context plus the verified caller. */
export type AgentSocketData = AgentAuthContext & {
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
};

/** The socket a wrapped handler is given. */
export type AgentWS = ElysiaWS<AgentSocketData>;

/** An Elysia lifecycle hook over the route's context, whose type Elysia supplies at `.ws()`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ContextHook = (context: any) => unknown;

/** Texera's handler shape (`open(ws)`, `message(ws, data)`, `close(ws)`), plus any ws option. */
export interface AgentSocketHandlers {
  open?(ws: AgentWS): unknown;
  message?(ws: AgentWS, message: unknown): unknown;
  close?(ws: AgentWS, code: number, reason: string): unknown;
  beforeHandle?: ContextHook | ContextHook[];
}

export type AgentSocketOptions<Handlers extends AgentSocketHandlers> = AgentAuthOptions & {
  /**
   * Close an open socket with 4401 when its token's `exp` passes (default true): neither Envoy
   * nor nginx looks at a socket again after the upgrade.
   */
  closeAtExpiry?: boolean;
} & Handlers;

/**
 * What agentSocket gives `.ws()`. Elysia types a handler's `ws` from the route, which knows
 * nothing of the verified user: the handlers given to agentSocket are typed with AgentWS, and
 * what is handed on to Elysia takes any socket.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface AgentSocketRoute {
  beforeHandle: ContextHook[];
  open(ws: any): unknown;
  close(ws: any, code: number, reason: string): unknown;
  message?(ws: any, message: any): unknown;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const OWN_KEYS = ['verifier', 'secret', 'verifierOptions', 'closeAtExpiry'] as const;

/** Keyed by `ws.data`: the one object both Elysia adapters keep for a connection's lifetime. */
const timers = new WeakMap<object, ExpiryTimer>();

/**
 * Wraps a `.ws()` route's handlers so the route guards itself, as Texera's react socket must
 * (it sits on the outer app, outside the guarded router): the upgrade request is admitted like
 * any REST call (refused: an HTTP 401/403 with `{ error }`, never a 101), the handlers find
 * `agentUser` and `agentToken` in `ws.data`, and an open socket is closed with 4401 at its
 * token's `exp`, the timer cleared when the socket closes first.
 */
export function agentSocket<const Handlers extends AgentSocketHandlers>(
  options: AgentSocketOptions<Handlers>,
): Omit<Handlers, (typeof OWN_KEYS)[number] | keyof AgentSocketRoute> & AgentSocketRoute {
  const verifier = verifierOf(options);
  const closeAtExpiry = options.closeAtExpiry ?? true;
  const handlers: Record<string, unknown> = { ...(options as object) };
  for (const key of OWN_KEYS) delete handlers[key];
  const { beforeHandle, open, close } = options as AgentSocketHandlers;

  const guard = async (context: {
    request: Request;
    set: { headers: Record<string, unknown> };
  }) => {
    const admission = await admitRequest(verifier, context.request);
    const fields = context as unknown as Record<string, unknown>;
    applyAdmission(admission, context.set, fields[CONTEXT_HEADERS]);
    if (!admission.admitted) return status(admission.status, admission.body);
    fields['agentUser'] = admission.user;
    fields['agentToken'] = admission.token;
    return undefined;
  };

  return {
    ...(handlers as Omit<Handlers, (typeof OWN_KEYS)[number] | keyof AgentSocketRoute>),
    message: options.message as AgentSocketRoute['message'],
    // An array on purpose: Elysia's adapters also call a lone beforeHandle function once more
    // inside the upgrade handler, ignoring its result; as a route hook in an array it runs once.
    beforeHandle: [
      guard,
      ...(beforeHandle === undefined ? [] : [beforeHandle].flat()),
    ] as ContextHook[],
    open(ws: AgentWS) {
      if (closeAtExpiry) {
        timers.set(
          ws.data,
          atExpiry(ws.data.agentUser.exp, () => ws.close(CLOSE_TOKEN_EXPIRED, 'token expired')),
        );
      }
      return open?.(ws);
    },
    close(ws: AgentWS, code: number, reason: string) {
      timers.get(ws.data)?.cancel();
      timers.delete(ws.data);
      return close?.(ws, code, reason);
    },
  };
}
