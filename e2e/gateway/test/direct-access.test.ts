// Defence in depth: the agent-service stub reached straight (no gateway in front), on Bun as
// Texera runs it and on Node (@elysiajs/node), the same app code. Every route of Texera's table
// and the react socket refuse what the gateway would have refused; REGULAR is served.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mintToken, startAgentService, type RunningAgentService } from '../index.js';
import { bearer, send } from '../../../tools/test-support/http.js';
import {
  closed,
  framesUntil,
  mustOpen,
  mustRefuse,
  wsUrl,
} from '../../../tools/test-support/sockets.js';

const SECRET = 'Direct-Access-Secret-0123456789AB';
const OTHER_SECRET = 'Not-The-Texera-Secret-0123456789';

/** Texera's agent-service routes (agent-service/src/server.ts), plus the seed's /models. */
const TEXERA_ROUTES: [method: string, path: string, body?: string][] = [
  ['GET', '/api/agents'],
  ['POST', '/api/agents', '{"modelType":"gpt-4o-mini"}'],
  ['GET', '/api/agents/models'],
  ['GET', '/api/agents/1'],
  ['GET', '/api/agents/1/react-steps'],
  ['GET', '/api/agents/1/operator-results'],
  ['POST', '/api/agents/1/steps-by-operators', '{"operatorIds":["op-1"]}'],
  ['GET', '/api/agents/1/system-info'],
  // HttpClient sends `{}` for a POST without payload (@elysiajs/node refuses an empty JSON body).
  ['POST', '/api/agents/1/stop', '{}'],
  ['POST', '/api/agents/1/clear', '{}'],
  ['GET', '/api/agents/1/operator-types'],
  ['GET', '/api/agents/1/settings'],
  ['PATCH', '/api/agents/1/settings', '{"maxSteps":5}'],
  ['POST', '/api/agents/1/checkout', '{"stepId":"msg-1-1"}'],
  ['DELETE', '/api/agents/1'],
];
const json = { 'content-type': 'application/json' };
/** A content type only with a body, as a browser sends it. */
const typed = (body?: string) => (body === undefined ? {} : json);

for (const runtime of ['bun', 'node'] as const) {
  describe(`the agent-service reached directly, on ${runtime}`, () => {
    let service: RunningAgentService;
    let tokens: Record<string, string>;

    before(async () => {
      service = await startAgentService({ secret: SECRET, runtime });
      const mint = (role: string, ttlSeconds?: number, secret = SECRET) =>
        mintToken(secret, { role, ttlSeconds, name: 'alice', userId: 42 });
      tokens = {
        regular: await mint('REGULAR'),
        forged: await mint('ADMIN', undefined, OTHER_SECRET),
        expired: await mint('REGULAR', -120),
        restricted: await mint('RESTRICTED'),
      };
    });
    after(() => service?.close());

    const refusals = () =>
      [
        ['no token', {}, 401],
        ['a forged token', bearer(tokens['forged']), 401],
        ['an expired token', bearer(tokens['expired']), 401],
        ['a RESTRICTED token', bearer(tokens['restricted']), 403],
        [
          'a RESTRICTED token with a spoofed x-user-id',
          { ...bearer(tokens['restricted']), 'x-user-id': '42', 'x-user-name': 'alice' },
          403,
        ],
      ] as const;

    it('refuses every Texera route for no, forged, expired, RESTRICTED and spoofed callers', async () => {
      for (const [name, headers, status] of refusals()) {
        for (const [method, path, body] of TEXERA_ROUTES) {
          const res = await send(service.url + path, {
            method,
            headers: { ...json, ...headers },
            body,
          });
          assert.equal(res.status, status, `${name}: ${method} ${path}`);
          assert.equal(typeof JSON.parse(res.body).error, 'string', `${name}: { error }`);
        }
      }
    });

    it('refuses the react socket the same way, before 101', async () => {
      for (const [name, headers, status] of refusals()) {
        const refused = await mustRefuse(wsUrl(service.url, '/api/agents/1/react'), headers);
        assert.equal(refused.status, status, name);
      }
      const viaQuery = await mustRefuse(
        wsUrl(service.url, `/api/agents/1/react?access-token=${tokens['restricted']}`),
        { 'x-user-id': '42' },
      );
      assert.equal(viaQuery.status, 403);
    });

    it('serves a REGULAR token on every route of the table, and keeps /api/healthcheck open', async () => {
      assert.equal((await send(`${service.url}/api/healthcheck`)).status, 200);
      for (const [method, path, body] of TEXERA_ROUTES) {
        const res = await send(service.url + path, {
          method,
          headers: { ...typed(body), ...bearer(tokens['regular']) },
          body,
        });
        // The stub keeps no step history: a checkout finds nothing to check out.
        const expected = path.endsWith('/checkout') ? 404 : 200;
        assert.equal(res.status, expected, `${method} ${path}: ${res.body}`);
      }
    });

    it('opens the react socket for REGULAR, identity from the token, not from x-user-*', async () => {
      const created = await send(`${service.url}/api/agents`, {
        method: 'POST',
        headers: {
          ...json,
          ...bearer(tokens['regular']),
          'x-user-id': '1',
          'x-user-name': 'mallory',
        },
        body: '{"modelType":"gpt-4o-mini"}',
      });
      const agent = JSON.parse(created.body) as { id: string; delegate: { userInfo: unknown } };
      assert.deepEqual(agent.delegate.userInfo, {
        uid: 42,
        name: 'alice',
        email: 'alice@texera.example',
        role: 'REGULAR',
      });
      const socket = await mustOpen(
        wsUrl(service.url, `/api/agents/${agent.id}/react?access-token=${tokens['regular']}`),
      );
      socket.ws.send(JSON.stringify({ type: 'message', content: 'hello' }));
      const frames = await framesUntil(socket, (f) => f['type'] === 'complete');
      assert.deepEqual(
        frames.map((f) => f['type']),
        ['init', 'state', 'step', 'step', 'step', 'complete'],
      );
      socket.ws.close();
      await closed(socket.ws);
    });
  });
}
