import { createServer } from 'node:http';
import {
  createAgentAuthorizer,
  createAgentTokenVerifier,
  extractAgentToken,
} from '../../projects/agent-service-auth/src/index.js';
import { AUTH_PATH_PREFIX, isUnderPath } from '../../projects/agent-service-auth/src/paths.js';
import { sendJson } from './http-util.js';
import { logRequest, silent, type LogFn } from './log.js';
import { listen, type RunningServer } from './servers.js';

export interface AccessControlOptions {
  secret: string;
  port?: number;
  log?: LogFn;
}

/**
 * Stub of Texera's access-control-service `/api/auth/**`: the decision for agent paths is
 * `authorizeAgentRequest`, answered with its status and headers (a JSON reason on refusals).
 */
export function startAccessControl({
  secret,
  port = 0,
  log = silent,
}: AccessControlOptions): Promise<RunningServer> {
  const authorize = createAgentAuthorizer(createAgentTokenVerifier(secret));
  const server = createServer(async (req, res) => {
    let reason = '';
    logRequest(log, 'access-control', req, res, () => reason);
    const url = req.url ?? '/';
    if (!isUnderPath(url.split('?', 1)[0], AUTH_PATH_PREFIX)) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    const decision = await authorize(req.method ?? 'GET', url, extractAgentToken(req));
    reason = decision.reason;
    if (decision.status === 200) {
      res.writeHead(200, { ...decision.headers, 'content-length': 0 });
      res.end();
    } else {
      sendJson(
        res,
        decision.status,
        { status: decision.status, reason: decision.reason },
        decision.headers,
      );
    }
  });
  return listen(server, port);
}
