import { InjectionToken } from '@angular/core';

/** The shape of the browser's `WebSocket` constructor (rxjs calls it `WebSocketCtor`). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * The constructor agent sockets are built with. Tests pass a fake; on a server without a
 * global `WebSocket` it is null, and opening a socket says so.
 */
export const AGENT_WEBSOCKET_CTOR = new InjectionToken<WebSocketConstructor | null>(
  'AGENT_WEBSOCKET_CTOR',
  {
    providedIn: 'root',
    factory: () => (typeof globalThis.WebSocket === 'function' ? globalThis.WebSocket : null),
  },
);
