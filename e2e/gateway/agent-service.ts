import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import {
  createAgentAuthorizer,
  createAgentTokenVerifier,
  extractAgentToken,
  type AgentUser,
} from '../../projects/agent-service-auth/src/index.js';
import { AgentStore, MODELS } from './agent-store.js';
import { BodyTooLarge, readJsonObject, sendJson, writeRawResponse } from './http-util.js';
import { logRequest, silent, writeLog, type LogFn } from './log.js';
import { runReactSession } from './react-session.js';
import { listen, type RunningServer } from './servers.js';

export interface AgentServiceOptions {
  secret: string;
  port?: number;
  log?: LogFn;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The caller's TCP port: requests with the same port came over one (kept-alive) connection. */
  remotePort: number;
}

export type RunningAgentService = RunningServer & { received: ReceivedRequest[] };

const REACT_PATH = /^\/api\/agents\/([^/]+)\/react$/;

/**
 * Stub of Texera's agent-service. It trusts nothing in front of it: every request and every
 * WebSocket upgrade is re-verified from the JWT itself (401/403 before anything else), the
 * identity comes from the token, never from x-user-* headers.
 */
export async function startAgentService({
  secret,
  port = 0,
  log = silent,
}: AgentServiceOptions): Promise<RunningAgentService> {
  const authorize = createAgentAuthorizer(createAgentTokenVerifier(secret));
  const store = new AgentStore();
  const received: ReceivedRequest[] = [];
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const check = async (req: IncomingMessage) => {
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
      remotePort: req.socket.remotePort ?? 0,
    });
    return authorize(req.method ?? 'GET', req.url ?? '/', extractAgentToken(req));
  };

  const server = createServer(async (req, res) => {
    let reason = '';
    logRequest(log, 'agent-service', req, res, () => reason);
    const decision = await check(req);
    reason = decision.reason;
    if (!decision.user || decision.status !== 200) {
      sendJson(
        res,
        decision.status,
        { status: decision.status, reason: decision.reason },
        decision.headers,
      );
      return;
    }
    try {
      await route(req, res, decision.user);
    } catch (error) {
      if (error instanceof BodyTooLarge) sendJson(res, 413, { error: 'body too large' });
      else sendJson(res, 500, { error: 'internal error' });
    }
  });

  /** Texera's routes and bodies; Texera answers errors as `{ error }`. */
  async function route(req: IncomingMessage, res: ServerResponse, user: AgentUser): Promise<void> {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const path = (req.url ?? '/').split('?', 1)[0].replace(/\/$/, '');
    const [, , , id, leaf, extra] = path.split('/');
    if (id === undefined) {
      if (method === 'GET') return sendJson(res, 200, { agents: store.list() });
      if (method === 'POST') {
        const body = await readJsonObject(req);
        const modelType = body?.['modelType'];
        if (typeof modelType !== 'string' || !modelType.trim())
          return sendJson(res, 400, { error: 'modelType is required' });
        return sendJson(res, 200, store.create({ name: body?.['name'], modelType }, user));
      }
      return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD, POST' });
    }
    if (id === 'models' && leaf === undefined) {
      return method === 'GET'
        ? sendJson(res, 200, MODELS)
        : sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    }
    if (extra !== undefined || (leaf !== undefined && leaf !== 'settings'))
      return sendJson(res, 404, { error: 'no such route' });
    const agent = store.get(id);
    if (!agent) return sendJson(res, 404, { error: 'Agent not found' });
    if (leaf === undefined) {
      if (method === 'DELETE') {
        store.delete(id);
        return sendJson(res, 200, { deleted: true });
      }
      return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'DELETE' });
    }
    if (method === 'GET') return sendJson(res, 200, agent.settings);
    if (method === 'PATCH') {
      const body = await readJsonObject(req);
      if (!body) return sendJson(res, 400, { error: 'expected a JSON object' });
      const updated = store.updateSettings(agent, body);
      return 'invalid' in updated
        ? sendJson(res, 400, { error: `invalid ${updated.invalid}` })
        : sendJson(res, 200, updated);
    }
    return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD, PATCH' });
  }

  server.on('upgrade', async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const started = performance.now();
    const done = (status: number, note: string) =>
      writeLog(
        log,
        'agent-service',
        `${req.method} ${req.url} ${status} ${Math.round(performance.now() - started)}ms ${note}`.trimEnd(),
      );
    const decision = await check(req);
    if (!decision.user || decision.status !== 200) {
      const body = JSON.stringify({ status: decision.status, reason: decision.reason });
      writeRawResponse(
        socket,
        decision.status,
        { ...decision.headers, 'content-type': 'application/json' },
        body,
      );
      return done(decision.status, decision.reason);
    }
    const id = REACT_PATH.exec((req.url ?? '').split('?', 1)[0])?.[1];
    if (!id || !store.get(id)) {
      writeRawResponse(
        socket,
        404,
        { 'content-type': 'application/json' },
        '{"error":"Agent not found"}',
      );
      return done(404, 'not found');
    }
    const user = decision.user;
    wss.handleUpgrade(req, socket, head, (ws) => {
      done(101, 'ok');
      runReactSession(ws, user);
    });
  });

  const running = await listen(server, port);
  return {
    ...running,
    received,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await running.close();
    },
  };
}
