// Envoy HTTP ext_authz, point by point, against a recording auth service and upstream.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  startAgentService,
  startGateway,
  mintToken,
  type RunningAgentService,
  type RunningServer,
} from '../index.js';
import {
  bearer,
  eventually,
  chunked,
  rawExchange,
  send,
  startRecorder,
  statusOf,
  type Recorder,
  type Reply,
} from '../../../tools/test-support/http.js';
import { framesUntil, mustOpen, mustRefuse, wsUrl } from '../../../tools/test-support/sockets.js';

const SECRET = 'gateway-test-secret-0123456789ab';
const ALLOW: Reply = {
  status: 200,
  headers: { 'x-user-id': '42', 'x-user-name': 'alice', 'x-user-email': 'alice@example.org' },
};
const AUTH_TIMEOUT_MS = 300;

let auth: Recorder;
let upstream: Recorder;
let gateway: RunningServer;

before(async () => {
  auth = await startRecorder(() => ALLOW);
  upstream = await startRecorder((req) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upstream: req.method }),
  }));
  gateway = await startGateway({
    authUrl: auth.url,
    upstreamUrl: upstream.url,
    headersToExtAuth: ['x-request-id'],
    authTimeoutMs: AUTH_TIMEOUT_MS,
  });
});

after(async () => {
  await Promise.all([gateway.close(), auth.close(), upstream.close()]);
});

beforeEach(() => {
  auth.received.length = 0;
  upstream.received.length = 0;
  auth.reply = () => ALLOW;
});

describe('the check request', () => {
  for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    it(`${method}: same method, /api/auth + path with its query, no body`, async () => {
      const path = '/api/agents/7/settings?view=full&access-token=abc%2Fdef';
      const body = method === 'GET' || method === 'HEAD' ? undefined : '{"maxSteps":3}';
      const res = await send(gateway.url + path, {
        method,
        headers: { 'content-type': 'application/json', ...bearer('t0k') },
        body,
      });
      assert.equal(res.status, 200);
      assert.equal(auth.received.length, 1);
      const [check] = auth.received;
      assert.equal(check.method, method);
      assert.equal(check.url, `/api/auth${path}`);
      assert.equal(check.body, '');
      assert.equal(check.headers['content-length'], '0');
      assert.equal(upstream.received.length, 1);
      assert.equal(upstream.received[0].method, method);
      assert.equal(upstream.received[0].url, path);
      assert.equal(upstream.received[0].body, body ?? '');
    });
  }

  it('keeps dot segments and encodings in the checked path as the client sent them', async () => {
    await send(`${gateway.url}/api/agents/%2e%2e/x/../y?q=%20`);
    assert.equal(auth.received[0].url, '/api/auth/api/agents/%2e%2e/x/../y?q=%20');
  });

  it('sends only Host, Authorization, Content-Length: 0 and the configured headersToExtAuth', async () => {
    await send(`${gateway.url}/api/agents`, {
      method: 'POST',
      body: '{}',
      headers: {
        host: 'texera.example:8080',
        authorization: 'Bearer t0k',
        cookie: 'session=1',
        'user-agent': 'test',
        accept: 'application/json',
        'content-type': 'application/json',
        'x-forwarded-for': '10.0.0.1',
        'x-request-id': 'req-1',
        'x-custom': 'no',
        'x-user-id': '999',
      },
    });
    const headers = { ...auth.received[0].headers };
    delete headers.connection; // connection management is per hop, not part of the check
    assert.deepEqual(headers, {
      host: 'texera.example:8080',
      authorization: 'Bearer t0k',
      'content-length': '0',
      'x-request-id': 'req-1',
    });
  });

  it('sends no Authorization when the client sent none (the WS token rides in the query)', async () => {
    await send(`${gateway.url}/api/agents/1/react?access-token=q`);
    assert.equal(auth.received[0].headers.authorization, undefined);
    assert.equal(auth.received[0].url, '/api/auth/api/agents/1/react?access-token=q');
  });
});

describe('an allowed request (exactly 200)', () => {
  it('reaches the upstream with the identity headers from the auth answer, overwriting spoofed ones', async () => {
    auth.reply = () => ({
      status: 200,
      headers: { ...ALLOW.headers, 'x-user-role': 'ADMIN', 'x-other': 'no' },
    });
    const res = await send(`${gateway.url}/api/agents`, {
      headers: {
        ...bearer('t0k'),
        'x-user-id': '999',
        'X-User-Name': 'mallory',
        'x-user-email': 'm@evil',
        'x-user-role': 'ADMIN',
      },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { upstream: 'GET' });
    const seen = upstream.received[0].headers;
    assert.equal(seen['x-user-id'], '42');
    assert.equal(seen['x-user-name'], 'alice');
    assert.equal(seen['x-user-email'], 'alice@example.org');
    assert.equal(seen['x-user-role'], undefined, 'only headersToBackend are copied');
    assert.equal(seen['x-other'], undefined);
    assert.equal(seen.authorization, 'Bearer t0k', 'the JWT travels on for re-verification');
  });

  it('strips every client x-user-* even when the auth answer sets none', async () => {
    auth.reply = () => ({ status: 200 });
    await send(`${gateway.url}/api/agents`, {
      headers: { 'x-user-id': '999', 'x-user-name': 'mallory', 'x-user-anything': '1' },
    });
    assert.deepEqual(
      Object.keys(upstream.received[0].headers).filter((h) => h.startsWith('x-user-')),
      [],
    );
    assert.deepEqual(
      Object.keys(auth.received[0].headers).filter((h) => h.startsWith('x-user-')),
      [],
    );
  });
});

describe('a denial from the auth service', () => {
  const denials: [string, Reply][] = [
    ['201', { status: 201, headers: { 'x-auth': 'created' }, body: 'created-body' }],
    ['204', { status: 204, headers: { 'x-auth': 'empty' } }],
    ['302', { status: 302, headers: { location: '/login?returnUrl=%2F' }, body: 'redirect' }],
    [
      '401',
      {
        status: 401,
        headers: {
          'www-authenticate': 'Bearer realm="agent-service"',
          'content-type': 'application/json',
        },
        body: '{"reason":"missing"}',
      },
    ],
    [
      '403',
      { status: 403, headers: { 'content-type': 'application/json' }, body: '{"reason":"role"}' },
    ],
    ['429', { status: 429, headers: { 'retry-after': '5' }, body: 'slow down' }],
  ];
  for (const [name, reply] of denials) {
    it(`${name}: status, headers and body go to the client; the upstream is never called`, async () => {
      auth.reply = () => reply;
      const res = await send(`${gateway.url}/api/agents/1/settings`, {
        method: 'PATCH',
        body: '{}',
        headers: bearer('t0k'),
      });
      assert.equal(res.status, reply.status);
      assert.equal(res.body, reply.body ?? '');
      for (const [header, value] of Object.entries(reply.headers ?? {}))
        assert.equal(res.headers[header], value);
      assert.equal(upstream.received.length, 0);
    });
  }

  it('does not relay the auth answer’s Host header', async () => {
    auth.reply = () => ({ status: 401, headers: { host: 'auth.internal', 'x-keep': 'yes' } });
    const res = await send(`${gateway.url}/api/agents`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.host, undefined);
    assert.equal(res.headers['x-keep'], 'yes');
  });
});

describe('an auth service failure is a bare 403', () => {
  for (const status of [500, 502, 503]) {
    it(`${status}: 403 without the auth body; the upstream is never called`, async () => {
      auth.reply = () => ({
        status,
        headers: { 'x-debug': 'internal' },
        body: 'stack trace with secrets',
      });
      const res = await send(`${gateway.url}/api/agents`, { headers: bearer('t0k') });
      assert.equal(res.status, 403);
      assert.equal(res.body, '');
      assert.equal(res.headers['x-debug'], undefined);
      assert.equal(upstream.received.length, 0);
    });
  }

  it('a hanging auth service: 403 after authTimeoutMs', async () => {
    auth.reply = () => 'hang';
    const started = performance.now();
    const res = await send(`${gateway.url}/api/agents`, { headers: bearer('t0k') });
    const elapsed = performance.now() - started;
    assert.equal(res.status, 403);
    assert.ok(
      elapsed >= AUTH_TIMEOUT_MS - 20 && elapsed < AUTH_TIMEOUT_MS + 1500,
      `took ${elapsed} ms`,
    );
    assert.equal(upstream.received.length, 0);
  });

  it('an auth service that is down: 403', async () => {
    const gone = await startRecorder(() => ALLOW);
    await gone.close();
    const lonely = await startGateway({ authUrl: gone.url, upstreamUrl: upstream.url });
    try {
      const res = await send(`${lonely.url}/api/agents`, { headers: bearer('t0k') });
      assert.equal(res.status, 403);
      assert.equal(upstream.received.length, 0);
    } finally {
      await lonely.close();
    }
  });
});

describe('connections (pooled, as Envoy pools them)', () => {
  it('consecutive requests reuse one connection to the auth service and one to the upstream', async () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (await send(`${gateway.url}/api/agents`, { headers: bearer('t0k') })).status,
        200,
      );
    }
    assert.equal(new Set(auth.received.map((r) => r.connection)).size, 1);
    assert.equal(new Set(upstream.received.map((r) => r.connection)).size, 1);
  });

  it('a timed-out check closes its connection rather than pooling it; the next check gets another', async () => {
    auth.reply = () => 'hang';
    assert.equal((await send(`${gateway.url}/api/agents`, { headers: bearer('t0k') })).status, 403);
    const hung = auth.received[0].connection;
    await eventually(() => auth.closedConnections.has(hung), 'the hung check’s connection closed');
    auth.reply = () => ALLOW;
    assert.equal((await send(`${gateway.url}/api/agents`, { headers: bearer('t0k') })).status, 200);
    assert.notEqual(auth.received[1].connection, hung);
  });

  it('close() ends its pooled connections at once, not when they idle out', async () => {
    const own = await startGateway({ authUrl: auth.url, upstreamUrl: upstream.url });
    assert.equal((await send(`${own.url}/api/agents`, { headers: bearer('t0k') })).status, 200);
    const started = performance.now();
    await own.close();
    assert.ok(performance.now() - started < 500, 'close() resolved promptly');
    const [check, forwarded] = [auth.received[0].connection, upstream.received[0].connection];
    assert.ok(!auth.closedConnections.has(check) && !upstream.closedConnections.has(forwarded));
    await eventually(
      () => auth.closedConnections.has(check) && upstream.closedConnections.has(forwarded),
      'both pooled connections closed',
      500,
    );
  });
});

describe('request framing (what Envoy’s HTTP/1 codec does before any filter)', () => {
  /** A complete request, no token, with a spoofed identity: it must only ever be body bytes. */
  const smuggled =
    'DELETE /api/agents/1 HTTP/1.1\r\nHost: agent-service\r\nx-user-id: 1\r\nContent-Length: 0\r\n\r\n';
  const requestHead = (method: string, target: string, ...headers: string[]) =>
    [`${method} ${target} HTTP/1.1`, 'Host: gateway', 'Authorization: Bearer t0k', ...headers]
      .concat('Connection: close', '', '')
      .join('\r\n');
  /** Long enough for a smuggled request, sent on the pooled connection right after, to arrive. */
  const settle = () => new Promise((r) => setTimeout(r, 150));

  for (const method of ['GET', 'HEAD', 'DELETE', 'OPTIONS']) {
    it(`${method} with a chunked body holding a whole second request: the upstream sees one request`, async () => {
      const raw = await rawExchange(
        gateway.url,
        requestHead(method, '/api/agents/2/settings', 'Transfer-Encoding: chunked') +
          chunked(smuggled),
      );
      assert.equal(statusOf(raw), 200);
      await settle();
      assert.deepEqual(
        upstream.received.map((r) => [r.method, r.url]),
        [[method, '/api/agents/2/settings']],
      );
      assert.equal(upstream.received[0].body, smuggled, 'the second request arrived as a body');
      assert.equal(auth.received.length, 1);
    });
  }

  for (const method of ['POST', 'PATCH']) {
    it(`${method} with a body in two chunks: it arrives whole, as one request`, async () => {
      const raw = await rawExchange(
        gateway.url,
        requestHead(method, '/api/agents/2/settings', 'Transfer-Encoding: chunked') +
          chunked('{"maxSteps":', '3}'),
      );
      assert.equal(statusOf(raw), 200);
      await settle();
      assert.deepEqual(
        upstream.received.map((r) => [r.method, r.body]),
        [[method, '{"maxSteps":3}']],
      );
    });
  }

  it('refuses a transfer-coding other than chunked with 501, before any check', async () => {
    const raw = await rawExchange(
      gateway.url,
      requestHead('POST', '/api/agents', 'Transfer-Encoding: gzip, chunked') + chunked('{}'),
    );
    assert.equal(statusOf(raw), 501);
    assert.equal(auth.received.length, 0);
    assert.equal(upstream.received.length, 0);
  });

  for (const target of ['/api/agents/#/../../x', '/api/agents/1/settings#x', '/api/agents?a=1#b']) {
    it(`refuses the fragment in ${target} with 400, before any check`, async () => {
      const raw = await rawExchange(gateway.url, requestHead('GET', target));
      assert.equal(statusOf(raw), 400);
      assert.equal(auth.received.length, 0);
      assert.equal(upstream.received.length, 0);
    });
  }

  it('refuses a fragment in an upgrade’s target with 400, before any check', async () => {
    const upgrade = [
      'GET /api/agents/1/react#x HTTP/1.1',
      'Host: gateway',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n');
    assert.equal(statusOf(await rawExchange(gateway.url, upgrade)), 400);
    assert.equal(auth.received.length, 0);
  });
});

describe('/api/models: straight to the access-control-service, as Texera routes it', () => {
  const LIST: Reply = {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"object":"list","data":[]}',
  };
  for (const path of ['/api/models', '/api/models?limit=5', '/api/models/gpt-4o-mini']) {
    it(`${path}: forwarded as it is, no ext_authz check, no client x-user-*`, async () => {
      auth.reply = () => LIST;
      const res = await send(gateway.url + path, {
        headers: { ...bearer('t0k'), 'x-user-id': '1', 'x-user-name': 'mallory', 'x-user-x': '1' },
      });
      assert.deepEqual([res.status, res.body], [200, LIST.body]);
      assert.deepEqual(
        auth.received.map((r) => [r.method, r.url]),
        [['GET', path]],
        'one request, to the path itself: no /api/auth check',
      );
      const seen = auth.received[0].headers;
      assert.equal(seen.authorization, 'Bearer t0k', 'the service checks the token itself');
      assert.deepEqual(
        Object.keys(seen).filter((h) => h.startsWith('x-user-')),
        [],
      );
      assert.equal(upstream.received.length, 0);
    });
  }

  it('relays the service’s answers as they are: its 401 challenge, even a 500 (no status_on_error)', async () => {
    auth.reply = () => ({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="agent-service"' },
      body: '{"error":"a valid token is required (missing)"}',
    });
    const refused = await send(`${gateway.url}/api/models`);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['www-authenticate'], 'Bearer realm="agent-service"');
    auth.reply = () => ({ status: 500, body: '{"error":"litellm is down"}' });
    const failed = await send(`${gateway.url}/api/models`, { headers: bearer('t0k') });
    assert.deepEqual([failed.status, failed.body], [500, '{"error":"litellm is down"}']);
  });

  it('forwards a POST with its chunked body framed', async () => {
    auth.reply = () => LIST;
    const raw = await rawExchange(
      gateway.url,
      'POST /api/models HTTP/1.1\r\nHost: gateway\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        chunked('{"a":', '1}'),
    );
    assert.equal(statusOf(raw), 200);
    assert.deepEqual(
      auth.received.map((r) => [r.method, r.body]),
      [['POST', '{"a":1}']],
    );
  });
});

describe('routes outside /api/agents', () => {
  for (const path of [
    '/api/agentsX',
    '/api/modelsX',
    '/api/model',
    '/api/other',
    '/api',
    '/dev/token',
    '/',
    '/index.html',
  ]) {
    it(`${path}: 404 without consulting the auth service or the upstream`, async () => {
      const res = await send(gateway.url + path, {
        method: path === '/dev/token' ? 'POST' : 'GET',
      });
      assert.equal(res.status, 404);
      assert.equal(auth.received.length, 0);
      assert.equal(upstream.received.length, 0);
    });
  }
});

describe('WebSocket upgrades', () => {
  let agents: RunningAgentService;
  let wsGateway: RunningServer;
  let token: string;

  before(async () => {
    agents = await startAgentService({ secret: SECRET });
    wsGateway = await startGateway({
      authUrl: auth.url,
      upstreamUrl: agents.url,
      authTimeoutMs: AUTH_TIMEOUT_MS,
    });
    token = await mintToken(SECRET, { role: 'REGULAR', name: 'alice', userId: 42 });
  });

  after(async () => {
    await Promise.all([wsGateway.close(), agents.close()]);
  });

  beforeEach(() => {
    agents.received.length = 0;
  });

  it('is checked once, before 101, with the query in the checked path; frames then flow', async () => {
    const socket = await mustOpen(
      wsUrl(wsGateway.url, `/api/agents/1/react?access-token=${token}`),
      { 'x-user-id': '999' },
    );
    assert.equal(auth.received.length, 1);
    assert.equal(auth.received[0].method, 'GET');
    assert.equal(auth.received[0].url, `/api/auth/api/agents/1/react?access-token=${token}`);
    socket.ws.send(JSON.stringify({ type: 'message', content: 'hi' }));
    const frames = await framesUntil(socket, (f) => f['type'] === 'complete');
    assert.deepEqual(frames[0], { type: 'init', state: 'AVAILABLE', steps: [], headId: null });
    socket.ws.close();
    assert.equal(auth.received.length, 1, 'frames are not re-checked');
    await agents.settled();
    assert.equal(agents.received.length, 1);
    assert.equal(agents.received[0].headers['x-user-id'], '42', 'spoofed x-user-id replaced');
  });

  it('a 401 from the auth service is an HTTP response on the socket; the upstream never sees the upgrade', async () => {
    auth.reply = () => ({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="agent-service"' },
      body: '{"reason":"expired"}',
    });
    const refused = await mustRefuse(
      wsUrl(wsGateway.url, `/api/agents/1/react?access-token=${token}`),
    );
    assert.equal(refused.status, 401);
    assert.equal(refused.body, '{"reason":"expired"}');
    assert.equal(refused.headers['www-authenticate'], 'Bearer realm="agent-service"');
    await agents.settled();
    assert.equal(agents.received.length, 0);
  });

  for (const [name, reply] of [
    ['500', () => ({ status: 500 })],
    ['a hang', () => 'hang' as const],
  ] as const) {
    it(`${name} from the auth service refuses the upgrade with 403`, async () => {
      auth.reply = reply;
      const refused = await mustRefuse(
        wsUrl(wsGateway.url, `/api/agents/1/react?access-token=${token}`),
      );
      assert.equal(refused.status, 403);
      await agents.settled();
      assert.equal(agents.received.length, 0);
    });
  }

  it('an upgrade outside /api/agents is refused with 404 and never checked', async () => {
    const refused = await mustRefuse(wsUrl(wsGateway.url, '/api/other/socket'));
    assert.equal(refused.status, 404);
    assert.equal(auth.received.length, 0);
  });

  it('the upstream’s own refusal (a forged token the auth service let through) is relayed', async () => {
    const refused = await mustRefuse(
      wsUrl(wsGateway.url, `/api/agents/1/react?access-token=${token}x`),
    );
    assert.equal(refused.status, 401);
    assert.match(refused.body, /Invalid or expired token/);
  });
});
