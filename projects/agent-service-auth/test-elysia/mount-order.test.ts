// agentAuth's order check: hooks only cover routes added after them, so a route added before
// `.use(agentAuth(...))` (on the instance, or in a plugin mounted earlier) would be served
// without a token. `.use()` throws instead, naming them; routes after it, however mounted, are
// guarded. Construction only, through `app.handle`: no server needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { node } from '@elysiajs/node';
import { Elysia } from 'elysia';
import { agentAuth, AgentAuthOrderError } from '../src/elysia.js';
import { SECRET } from '../test/tokens.js';

const guard = () => agentAuth({ secret: SECRET });
const statusOf = async (app: { handle(r: Request): Promise<Response> }, path: string) =>
  (await app.handle(new Request(`http://localhost${path}`))).status;

describe('agentAuth mount order', () => {
  it('throws at .use() for routes added before it, naming each', () => {
    const router = new Elysia({ prefix: '/agents' }).get('/early', () => 'open').post('/', () => 1);
    assert.throws(
      () => router.use(guard()),
      (error: unknown) =>
        error instanceof AgentAuthOrderError &&
        /before the routes it guards/.test(error.message) &&
        error.message.includes('GET /agents/early') &&
        error.message.includes('POST /agents'),
    );
  });

  it('throws for a sub-plugin mounted before it, and for a socket route added before it', () => {
    const sub = new Elysia({ prefix: '/sub' }).get('/', () => 'open');
    assert.throws(() => new Elysia().use(sub).use(guard()), /GET \/sub/);
    assert.throws(
      // @elysiajs/node: Elysia's default adapter on Node registers no socket routes.
      () => new Elysia({ adapter: node() }).ws('/early/react', { message() {} }).use(guard()),
      /WS \/early\/react/,
    );
  });

  it('guards every route added after it: own, grouped, sub-plugin, functional plugin', async () => {
    const router = new Elysia({ prefix: '/agents' })
      .use(guard())
      .get('/', () => 'x')
      .use(new Elysia({ prefix: '/sub' }).get('/', () => 'x'))
      .group('/grp', (app) => app.get('/g', () => 'x'))
      .use((app: Elysia) => app.get('/fn', () => 'x'));
    const app = new Elysia()
      .group('/api', (api) => api.get('/healthcheck', () => 'ok').use(router))
      .get('/outside', () => 'open');
    for (const path of ['/api/agents', '/api/agents/sub', '/api/agents/grp/g', '/api/agents/fn']) {
      assert.equal(await statusOf(app, path), 401, path);
    }
    assert.deepEqual(
      [await statusOf(app, '/api/healthcheck'), await statusOf(app, '/outside')],
      [200, 200],
    );
  });
});
