import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  extractAgentToken,
  type AgentTokenVerifier,
} from '../../projects/agent-service-auth/src/index.js';
import {
  admitAgentToken,
  MODELS_API_PATH,
} from '../../projects/agent-service-auth/src/internal.js';
import { MODELS } from './agent-store.js';
import { sendJson } from './http-util.js';

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
  const admission = await admitAgentToken(verifier, extractAgentToken(req));
  if (!admission.admitted) {
    const error =
      admission.status === 401
        ? `a valid token is required (${admission.reason})`
        : 'only REGULAR and ADMIN users may use the models';
    sendJson(res, admission.status, { error }, admission.headers);
    return admission.reason;
  }
  if ((req.url ?? '').split('?', 1)[0] !== MODELS_API_PATH) {
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
