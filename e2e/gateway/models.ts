import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, roleRefusal } from '../../projects/agent-service-auth/src/authorize.js';
import {
  extractAgentToken,
  type AgentTokenVerifier,
} from '../../projects/agent-service-auth/src/index.js';
import { MODELS } from './agent-store.js';
import { sendJson } from './http-util.js';
import { MODELS_API_PREFIX } from './routes.js';

/**
 * `/api/models` of Texera's access-control-service (its LiteLLM relay): it verifies the JWT
 * itself, with the rules of the /api/auth decision (401 with a Bearer challenge for a missing or
 * bad token, 403 for a role other than REGULAR/ADMIN), then answers LiteLLM's list to GET.
 * Errors are `{ error }`. Resolves to a short reason for the log.
 */
export async function answerModels(
  verifier: AgentTokenVerifier,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
  const caller = await authenticate(verifier, extractAgentToken(req));
  const refusal = 'refusal' in caller ? caller.refusal : roleRefusal(caller.user);
  if (refusal) {
    const error =
      refusal.status === 401
        ? `a valid token is required (${refusal.reason})`
        : 'only REGULAR and ADMIN users may use the models';
    sendJson(res, refusal.status, { error }, refusal.headers);
    return refusal.reason;
  }
  if ((req.url ?? '').split('?', 1)[0] !== MODELS_API_PREFIX) {
    sendJson(res, 404, { error: 'no such route' });
    return 'not-found';
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    return 'method';
  }
  sendJson(res, 200, MODELS);
  return 'ok';
}
