import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createAgentAuthorizer,
  createAgentTokenVerifier,
  extractAgentToken,
  type AuthorizeAgentRequest,
} from '../../projects/agent-service-auth/src/index.js';
import { AUTH_PATH_PREFIX, isUnderPath } from '../../projects/agent-service-auth/src/paths.js';
import type { ReceivedRequest } from './agent-service.js';
import { sendJson } from './http-util.js';
import { logRequest, silent, type LogFn } from './log.js';
import { listen, type RunningServer } from './servers.js';

export interface AccessControlOptions {
  secret: string;
  port?: number;
  log?: LogFn;
}

/** Also `received`: every request it saw (the checks, and what else reached it). */
export type RunningAccessControl = RunningServer & { received: ReceivedRequest[] };

/**
 * Stub of Texera's access-control-service `/api/auth/**`: the decision for agent paths is
 * `authorizeAgentRequest`, answered with its status and headers (a JSON reason on refusals).
 */
export async function startAccessControl({
  secret,
  port = 0,
  log = silent,
}: AccessControlOptions): Promise<RunningAccessControl> {
  const authorize = createAgentAuthorizer(createAgentTokenVerifier(secret));
  const received: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    let reason = '';
    logRequest(log, 'access-control', req, res, () => reason);
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: { ...req.headers },
      remotePort: req.socket.remotePort ?? 0,
    });
    if (isUnderPath((req.url ?? '/').split('?', 1)[0], AUTH_PATH_PREFIX)) {
      reason = await answerCheck(authorize, req, res);
    } else sendJson(res, 404, { error: 'not found' });
  });
  return { ...(await listen(server, port)), received };
}

/** `/api/auth/**`: the decision's status and headers; resolves to its reason, for the log. */
async function answerCheck(
  authorize: AuthorizeAgentRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
  const decision = await authorize(req.method ?? 'GET', req.url ?? '/', extractAgentToken(req));
  if (decision.status === 200) {
    res.writeHead(200, { ...decision.headers, 'content-length': 0 });
    res.end();
  } else {
    const body = { status: decision.status, reason: decision.reason };
    sendJson(res, decision.status, body, decision.headers);
  }
  return decision.reason;
}
