// overwriteIdentity: the token's identity replaces any client x-user-* on headers a handler can
// read; where a runtime's headers are read-only, a request carrying its own is refused instead.
// admitRequest: a verifier whose secret failed to load answers 500 at every stage, never 401.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Elysia } from 'elysia';
import { agentAuth } from '../src/elysia.js';
import { SECRET_UNAVAILABLE, admitRequest, overwriteIdentity } from '../src/elysia-admission.js';
import { createAgentTokenVerifier, loadJwtSecret } from '../src/index.js';
import { signRaw, texeraClaims } from './tokens.js';

const IDENTITY = { 'x-user-id': '42', 'x-user-name': 'alice', 'x-user-email': '' };

describe('overwriteIdentity', () => {
  // Read-only Headers, as the Fetch standard makes a fetch() response's.
  let base: string;
  const server = createServer((req, res) => {
    if (req.url === '/spoofed') res.setHeader('x-user-id', '1');
    res.end();
  });
  before(async () => {
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('overwrites what the client sent on mutable headers', () => {
    const headers = new Headers({ 'x-user-id': '1', 'x-user-name': 'mallory' });
    assert.equal(overwriteIdentity(headers, IDENTITY), true);
    assert.deepEqual([headers.get('x-user-id'), headers.get('x-user-name')], ['42', 'alice']);
  });

  it('refuses read-only headers that carry an x-user-* of their own', async () => {
    const { headers } = await fetch(`${base}/spoofed`);
    assert.equal(overwriteIdentity(headers, IDENTITY), false);
  });

  it('accepts read-only headers without any x-user-*: nothing in them to trust', async () => {
    const { headers } = await fetch(`${base}/clean`);
    assert.equal(overwriteIdentity(headers, IDENTITY), true);
  });
});

describe('a verifier whose secret did not load (a service that skipped ready())', () => {
  const verifier = createAgentTokenVerifier(() => loadJwtSecret({ env: {} }));
  const TOKEN = signRaw(texeraClaims({ exp: Math.floor(Date.now() / 1000) + 300 }));

  it("admitRequest answers 500 in Texera's shape, naming no secret", async () => {
    const request = new Request(`http://127.0.0.1/api/agents?access-token=${TOKEN}`);
    assert.deepEqual(await admitRequest(verifier, request), SECRET_UNAVAILABLE);
    assert.equal(SECRET_UNAVAILABLE.status, 500);
  });

  it('the router answers 500 on GET and on a POST with a body (decided at the parse stage)', async () => {
    const app = new Elysia({ prefix: '/api/agents' })
      .use(agentAuth({ verifier }))
      .get('/', () => 'served')
      .post('/', ({ body }) => body);
    for (const init of [
      {},
      { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } },
    ]) {
      const res = await app.handle(
        new Request('http://127.0.0.1/api/agents/', {
          ...init,
          headers: { ...(init.headers ?? {}), authorization: `Bearer ${TOKEN}` },
        }),
      );
      assert.equal(res.status, 500, init.method ?? 'GET');
      assert.deepEqual(await res.json(), SECRET_UNAVAILABLE.body);
    }
  });
});
