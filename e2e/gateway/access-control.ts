import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createAgentAuthorizer,
  createAgentTokenVerifier,
  extractAgentToken,
  type AuthorizeAgentRequest,
} from '../../projects/agent-service-auth/src/index.js';
import {
  AUTH_PATH_PREFIX,
  isUnderPath,
  MODELS_API_PATH,
} from '../../projects/agent-service-auth/src/internal.js';
import type { ReceivedRequest } from './agent-service.js';
import { sendJson } from './http-util.js';
import { logRequest, silent, type LogFn } from './log.js';
import { answerModels } from './models.js';
import { listen, type RunningServer } from '../../tools/test-support/servers.js';

export interface AccessControlOptions {
  secret: string;
  port?: number;
  log?: LogFn;
}

/** Also `received`: every request it saw (the checks, and what else reached it). */
export type RunningAccessControl = RunningServer & { received: ReceivedRequest[] };

/**
 * Stub of Texera's access-control-service: `/api/auth/**`, the decision for agent paths
 * (`authorizeAgentRequest`, answered with its status and headers, a JSON reason on refusals),
 * and `/api/models/**`, LiteLLM's model list, which it guards itself (models.ts).
 */
export async function startAccessControl({
  secret,
  port = 0,
  log = silent,
}: AccessControlOptions): Promise<RunningAccessControl> {
  const verifier = createAgentTokenVerifier(secret);
  const authorize = createAgentAuthorizer(verifier);
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
    const path = (req.url ?? '/').split('?', 1)[0];
    if (isUnderPath(path, AUTH_PATH_PREFIX)) reason = await answerCheck(authorize, req, res);
    else if (isUnderPath(path, MODELS_API_PATH)) reason = await answerModels(verifier, req, res);
    else sendJson(res, 404, { error: 'not found' });
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
