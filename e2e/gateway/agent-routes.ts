/**
 * Texera's agent REST routes on `new Elysia({ prefix: '/agents' })`, guarded by the plugin as
 * Texera's agentsRouter would be, answering in its wire shapes (errors as `{ error }`).
 */
import { Elysia } from 'elysia';
import { agentAuth } from '../../projects/agent-service-auth/src/elysia.js';
import type { AgentTokenVerifier } from '../../projects/agent-service-auth/src/index.js';
import {
  EMPTY_WORKFLOW,
  MODELS,
  OPERATOR_TYPES,
  SYSTEM_INFO,
  type Agent,
  type AgentStore,
} from './agent-store.js';

/** A thrown message and its status, as Texera's router maps them; anything else is a 500. */
class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A JSON object body, or null. Elysia parses JSON only when the request says
 * `application/json`; the stub, like the hand-written one before it, also reads an unlabelled one.
 */
function asObject(body: unknown): Record<string, unknown> | null {
  if (typeof body === 'string') {
    try {
      return asObject(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;
}

export function agentsRouter(store: AgentStore, verifier: AgentTokenVerifier) {
  const agentOf = (id: string): Agent => {
    const agent = store.get(id);
    if (!agent) throw new RouteError(404, 'Agent not found');
    return agent;
  };
  return (
    new Elysia({ prefix: '/agents' })
      .use(agentAuth({ verifier }))
      // Local to this router, as in Texera: its routes' errors become `{ error }`.
      .onError(({ code, error, set }) => {
        if (code === 'PARSE') {
          set.status = 400;
          return { error: 'Invalid request body' };
        }
        set.status = error instanceof RouteError ? error.status : 500;
        return { error: error instanceof RouteError ? error.message : 'Internal server error' };
      })
      // An unlabelled body as text, for asObject to read.
      .onParse(({ request, contentType }) => (contentType ? undefined : request.text()))
      .get('/', () => ({ agents: store.list() }))
      .post('/', ({ body, agentUser }) => {
        const fields = asObject(body);
        const modelType = fields?.['modelType'];
        if (typeof modelType !== 'string' || !modelType.trim())
          throw new RouteError(400, 'modelType is required');
        return store.create({ name: fields?.['name'], modelType }, agentUser);
      })
      // The seed's older endpoint: LiteLLM's model list (Texera's frontend now asks /api/models).
      .get('/models', () => MODELS)
      .get('/:id', ({ params: { id } }) => ({
        ...agentOf(id),
        workflow: EMPTY_WORKFLOW,
        stepCount: 0,
      }))
      .delete('/:id', ({ params: { id } }) => {
        agentOf(id);
        store.delete(id);
        return { deleted: true };
      })
      .get('/:id/react-steps', ({ params: { id } }) => ({ steps: [], state: agentOf(id).state }))
      .get('/:id/operator-results', ({ params: { id } }) => (agentOf(id), { results: {} }))
      .post('/:id/steps-by-operators', ({ params: { id }, body }) => {
        agentOf(id);
        const ids = asObject(body)?.['operatorIds'];
        if (!Array.isArray(ids) || !ids.every((v) => typeof v === 'string'))
          throw new RouteError(400, 'operatorIds must be a list of strings');
        return { steps: [] };
      })
      .get('/:id/system-info', ({ params: { id } }) => (agentOf(id), SYSTEM_INFO))
      .post('/:id/stop', ({ params: { id } }) => (agentOf(id), { status: 'stopping' }))
      .post('/:id/clear', ({ params: { id } }) => (agentOf(id), { status: 'cleared' }))
      .post('/:id/checkout', ({ params: { id }, body }) => {
        agentOf(id);
        const stepId = asObject(body)?.['stepId'];
        if (typeof stepId !== 'string' || !stepId) throw new RouteError(400, 'stepId is required');
        // The stub keeps no step history, so there is nothing to check out.
        throw new RouteError(404, 'Step not found or checkout failed');
      })
      .get('/:id/operator-types', ({ params: { id } }) => (agentOf(id), OPERATOR_TYPES))
      .get('/:id/settings', ({ params: { id } }) => agentOf(id).settings)
      .patch('/:id/settings', ({ params: { id }, body }) => {
        const agent = agentOf(id);
        const patch = asObject(body);
        if (!patch) throw new RouteError(400, 'expected a JSON object');
        const updated = store.updateSettings(agent, patch);
        if ('invalid' in updated) throw new RouteError(400, `invalid ${updated.invalid}`);
        return updated;
      })
  );
}
