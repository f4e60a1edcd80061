// deploy/nginx's auth_request config run for real: Debian's nginx in front of the gateway issue's
// access-control and agent-service stubs (e2e/nginx-stack.ts), driven with real HTTP and `ws`.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { mintToken, type MintClaims, type ReactFrame } from '../../../e2e/gateway/index';
import { startNginxStack, type RunningNginxStack } from '../../../e2e/nginx-stack';

type Outcome = { status: 101; ws: WebSocket; frames: ReactFrame[] } | { status: number };

/** Opens a socket through nginx: 101 with the socket, or the HTTP status that refused it. */
function connect(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url, { headers });
    const frames: ReactFrame[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
    ws.once('open', () => done({ status: 101, ws, frames }));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      done({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', fail);
  });
}

/** The status of a GET whose path goes out exactly as written (no URL normalisation). */
function rawStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const { host } = new URL(url);
  const path = url.slice(url.indexOf(host) + host.length);
  return new Promise((done, fail) => {
    const [hostname, port] = host.split(':');
    request({ hostname, port, path, headers }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    })
      .on('error', fail)
      .end();
  });
}

async function until<T>(read: () => T | undefined, what: string, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('nginx auth_request in front of the agent-service', () => {
  let stack: RunningNginxStack;
  const minted: string[] = [];
  const token = async (claims: MintClaims, secret = stack.secret) => {
    const jwt = await mintToken(secret, claims);
    minted.push(jwt);
    return jwt;
  };
  const call = (path: string, init: RequestInit = {}) => fetch(`${stack.url}${path}`, init);
  const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
  const wsUrl = (path: string) => `${stack.url.replace('http:', 'ws:')}${path}`;
  /** What the agent-service (a Bun child) saw, once everything it saw so far has reported. */
  const reached = async (path: string) => {
    await stack.agentService.settled();
    return stack.agentService.received.filter((r) => r.url.startsWith(path));
  };

  before(async () => {
    stack = await startNginxStack();
  });
  after(async () => {
    await stack?.close();
  });

  it('sends the real identity and never a spoofed x-user-*', async () => {
    const jwt = await token({
      role: 'REGULAR',
      userId: 42,
      name: 'alice',
      email: 'alice@texera.example',
    });
    const res = await call('/api/agents?probe=identity', {
      headers: {
        ...bearer(jwt),
        'x-user-id': '1',
        'x-user-name': 'admin',
        'x-user-email': 'admin@evil.example',
        x_user_id: '7',
      },
    });
    assert.equal(res.status, 200);
    const [received] = await reached('/api/agents?probe=identity');
    assert.ok(received, 'the agent stub got the request');
    assert.equal(received.headers['x-user-id'], '42');
    assert.equal(received.headers['x-user-name'], 'alice');
    assert.equal(received.headers['x-user-email'], 'alice@texera.example');
    assert.equal(received.headers['x_user_id'], undefined);
    assert.equal(
      received.headers['authorization'],
      `Bearer ${jwt}`,
      'the JWT is kept for re-verification',
    );
  });

  it('a spoofed x-user-id with no token is refused (401) and never reaches the agent stub', async () => {
    const res = await call('/api/agents?probe=spoof-only', { headers: { 'x-user-id': '1' } });
    assert.equal(res.status, 401);
    assert.deepEqual(await reached('/api/agents?probe=spoof-only'), []);
  });

  it('refuses a token-less WebSocket upgrade with 401 before any 101', async () => {
    const outcome = await connect(wsUrl('/api/agents/1/react?probe=no-token'));
    assert.equal(outcome.status, 401);
    assert.deepEqual(await reached('/api/agents/1/react?probe=no-token'), []);
  });

  it('upgrades a REGULAR socket (token in ?access-token=) and relays its frames', async () => {
    const jwt = await token({ role: 'REGULAR', name: 'bob' });
    const outcome = await connect(wsUrl(`/api/agents/1/react?access-token=${jwt}`));
    assert.equal(outcome.status, 101);
    if (!('ws' in outcome)) return;
    await until(() => outcome.frames.find((f) => f.type === 'init'), 'the init frame');
    outcome.ws.send(JSON.stringify({ type: 'message', content: 'What does my workflow do?' }));
    const done = await until(() => outcome.frames.find((f) => f.type === 'complete'), 'complete');
    assert.deepEqual(done, { type: 'complete', state: 'AVAILABLE' });
    assert.equal(outcome.frames.filter((f) => f.type === 'step').length, 3);
    outcome.ws.close();
  });

  it('relays the 4401 close when the token expires during an open socket', async () => {
    const jwt = await token({ role: 'ADMIN', ttlSeconds: 1 });
    const outcome = await connect(wsUrl(`/api/agents/1/react?access-token=${jwt}`));
    assert.equal(outcome.status, 101);
    if (!('ws' in outcome)) return;
    const code = await new Promise<number>((done) => outcome.ws.once('close', done));
    assert.equal(code, 4401);
  });

  it('keeps the agent-service connection alive for REST; a socket still asks for Connection: upgrade', async () => {
    const jwt = await token({ role: 'REGULAR' });
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (await call(`/api/agents?probe=keepalive-${i}`, { headers: bearer(jwt) })).status,
        200,
      );
    }
    const rest = await Promise.all(
      [0, 1, 2].map(async (i) => (await reached(`/api/agents?probe=keepalive-${i}`))[0]),
    );
    assert.deepEqual(
      rest.map((r) => r.headers['connection']),
      [undefined, undefined, undefined],
      'no Connection: close',
    );
    assert.equal(new Set(rest.map((r) => r.remotePort)).size, 1, 'one upstream connection');
    const outcome = await connect(wsUrl(`/api/agents/1/react?probe=keepalive&access-token=${jwt}`));
    assert.equal(outcome.status, 101);
    if ('ws' in outcome) outcome.ws.close();
    const [upgrade] = await reached('/api/agents/1/react?probe=keepalive');
    assert.equal(upgrade.headers['connection'], 'upgrade');
    assert.equal(upgrade.headers['upgrade'], 'websocket');
  });

  it('refuses RESTRICTED and INACTIVE with 403, on REST and on the socket', async () => {
    for (const role of ['RESTRICTED', 'INACTIVE']) {
      const jwt = await token({ role });
      assert.equal((await call(`/api/agents?probe=${role}`, { headers: bearer(jwt) })).status, 403);
      const outcome = await connect(wsUrl(`/api/agents/1/react?probe=${role}&access-token=${jwt}`));
      assert.equal(outcome.status, 403);
      assert.deepEqual(await reached(`/api/agents?probe=${role}`), []);
      assert.deepEqual(await reached(`/api/agents/1/react?probe=${role}`), []);
    }
  });

  it('refuses a forged and an expired token with 401', async () => {
    const forged = await token({ role: 'ADMIN' }, 'not-the-texera-secret');
    const expired = await token({ role: 'ADMIN', ttlSeconds: -120 });
    for (const jwt of [forged, expired])
      assert.equal((await call('/api/agents?probe=bad', { headers: bearer(jwt) })).status, 401);
    assert.deepEqual(await reached('/api/agents?probe=bad'), []);
  });

  it('allows PATCH on settings, with its body', async () => {
    const jwt = await token({ role: 'REGULAR' });
    const res = await call('/api/agents/1/settings', {
      method: 'PATCH',
      headers: { ...bearer(jwt), 'content-type': 'application/json' },
      body: JSON.stringify({ maxSteps: 25 }),
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).maxSteps, 25);
  });

  it('asks the access-control-service with the caller method, not the subrequest GET', async () => {
    // authorize() refuses OPTIONS; had the check been a GET, nginx would have let it through.
    const jwt = await token({ role: 'REGULAR' });
    const res = await call('/api/agents?probe=method', { method: 'OPTIONS', headers: bearer(jwt) });
    assert.equal(res.status, 403);
    assert.deepEqual(await reached('/api/agents?probe=method'), []);
  });

  it('refuses a path that only starts like /api/agents', async () => {
    const jwt = await token({ role: 'ADMIN' });
    assert.equal((await call('/api/agentsX', { headers: bearer(jwt) })).status, 403);
    assert.deepEqual(await reached('/api/agentsX'), []);
  });

  for (const path of [
    '/api/agents/..%2f..%2fx',
    '/api/agents/..%2F..%2Fx',
    '/api/agents/..%5c..%5cx',
    '/api/agents/1/..%5C..%5C..%5Cx',
    '/api/agents%2f..%2f..%2fx',
    // Spellings of an agent path that a prefix match on the raw URI would miss (issue 19.7).
    '//api/agents/..%2f..%2fx',
    '/api//agents/..%2f..%2fx',
    '/api/./agents/..%2f..%2fx',
    '/api/%61gents/..%2f..%2fx',
    '/x/..%2F..%5Cy',
  ]) {
    it(`refuses ${path} (an encoded slash or backslash) with 400, before any location`, async () => {
      const jwt = await token({ role: 'ADMIN' });
      // Through `location /` this would be the test server's 404; through /api/agents, a check.
      // Sent as written: fetch would resolve the `/./` before sending.
      assert.equal(await rawStatus(`${stack.url}${path}`, bearer(jwt)), 400);
      const checked = stack.accessControl.received.filter((r) => r.url.endsWith(path));
      assert.deepEqual(checked, [], 'no auth subrequest either');
    });
  }

  it('lets an encoded slash through in the query of an agent path', async () => {
    const jwt = await token({ role: 'REGULAR' });
    const res = await call('/api/agents?probe=query-slash&next=%2F..%2Fx%5C', {
      headers: bearer(jwt),
    });
    assert.equal(res.status, 200);
    assert.equal((await reached('/api/agents?probe=query-slash')).length, 1);
  });

  describe('/api/models (to the access-control-service, which checks the token itself)', () => {
    /** What reached the access-control stub for /api/models since `from`, and any check of it. */
    const modelRequests = (from: number) =>
      stack.accessControl.received.slice(from).filter((r) => r.url.includes('/api/models'));
    const spoofed = { 'x-user-id': '1', 'x-user-name': 'admin', 'x-user-email': 'a@evil.example' };

    it("answers REGULAR with LiteLLM's list, with no auth subrequest and no client x-user-*", async () => {
      const from = stack.accessControl.received.length;
      const res = await call('/api/models', {
        headers: { ...bearer(await token({ role: 'REGULAR' })), ...spoofed },
      });
      assert.equal(res.status, 200);
      const list = await res.json();
      assert.equal(list.object, 'list');
      assert.ok(
        list.data.length > 0 && list.data.every((m: { object: string }) => m.object === 'model'),
      );
      const seen = modelRequests(from);
      assert.deepEqual(
        seen.map((r) => r.url),
        ['/api/models'],
        'the request itself, never /api/auth',
      );
      assert.deepEqual(
        Object.keys(seen[0].headers).filter((h) => h.startsWith('x-user-')),
        [],
      );
    });

    it('refuses no token with 401 and its Bearer challenge', async () => {
      const res = await call('/api/models', { headers: spoofed });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="agent-service"');
      assert.ok((await res.json()).error);
    });

    it('refuses RESTRICTED with 403, spoofed identity or not', async () => {
      const jwt = await token({ role: 'RESTRICTED' });
      const res = await call('/api/models', { headers: { ...bearer(jwt), ...spoofed } });
      assert.equal(res.status, 403);
      assert.ok((await res.json()).error);
    });
  });

  it('redacts a token in the query however its parameter is spelled', async () => {
    const jwt = await token({ role: 'REGULAR' });
    const encoded = [...jwt].map((c) => '%' + c.charCodeAt(0).toString(16)).join('');
    const queries = [
      `ACCESS-TOKEN=${jwt}`,
      `a=1&access%2Dtoken=${jwt}`,
      `t=${jwt}`,
      `%61ccess-token=${encoded}`,
    ];
    for (const query of queries) await call(`/api/agents?${query}`);
    const access = stack.nginx.accessLog();
    const redacted = access.match(/"GET \/api\/agents\?\[redacted\] /g) ?? [];
    assert.ok(redacted.length >= 4, `four redacted lines, got ${redacted.length}`);
    assert.ok(!access.includes(encoded.slice(-60)), 'the percent-encoded token is not logged');
  });

  it('logs a 400 and a request outside /api/agents with the query redacted too', async () => {
    const jwt = await token({ role: 'REGULAR' });
    const refused = await call(`//api/agents/..%2f..%2fx?access-token=${jwt}`);
    assert.equal(refused.status, 400);
    const elsewhere = await call(`/somewhere/else?access-token=${jwt}`);
    assert.equal(elsewhere.status, 404, "the test server's location /");
    const access = stack.nginx.accessLog();
    assert.match(access, /"GET \/\/api\/agents\/\.\.%2f\.\.%2fx\?\[redacted\] HTTP\/1\.1" 400 /);
    assert.match(access, /"GET \/somewhere\/else\?\[redacted\] HTTP\/1\.1" 404 /);
    assert.equal(access.includes(jwt.split('.')[2]), false, 'no token signature in the log');
  });

  it('leaves no token in the nginx logs after the run', () => {
    const access = stack.nginx.accessLog();
    assert.ok(minted.length >= 8, 'tokens were minted and used');
    assert.match(access, /"GET \/api\/agents\/1\/react\?\[redacted\] HTTP\/1\.1" 101 /);
    assert.match(access, /"PATCH \/api\/agents\/1\/settings HTTP\/1\.1" 200 .* user=1$/m);
    const logs = `${access}\n${stack.nginx.errorLog()}\n${stack.logLines.join('\n')}`;
    for (const jwt of minted) {
      assert.equal(logs.includes(jwt), false, 'a minted token is in the logs');
      assert.equal(logs.includes(jwt.split('.')[2]), false, 'a token signature is in the logs');
    }
    assert.doesNotMatch(logs, /eyJ[\w-]+\./);
  });
});

describe('nginx auth_request when the access-control-service is down', () => {
  let stack: RunningNginxStack;
  before(async () => {
    stack = await startNginxStack();
  });
  after(async () => {
    await stack?.close();
  });

  it('fails closed (500), reaches nothing, and logs no token', async () => {
    const jwt = await mintToken(stack.secret, { role: 'ADMIN' });
    await stack.accessControl.close();
    const res = await fetch(`${stack.url}/api/agents?access-token=${jwt}`);
    assert.equal(res.status, 500);
    const ws = await connect(
      `${stack.url.replace('http:', 'ws:')}/api/agents/1/react?access-token=${jwt}`,
    );
    assert.equal(ws.status, 500);
    await stack.agentService.settled();
    assert.deepEqual(stack.agentService.received, []);
    const logs = `${stack.nginx.accessLog()}\n${stack.nginx.errorLog()}`;
    assert.match(logs, /"GET \/api\/agents\?\[redacted\] HTTP\/1\.1" 500 /);
    assert.equal(logs.includes(jwt.split('.')[2]), false);
  });
});
