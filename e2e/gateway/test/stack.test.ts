// The whole stack as `npm run gateway` starts it: gateway + real access-control and agent stubs.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CLOSE_UNAUTHENTICATED,
  mintToken,
  startStack,
  type MintClaims,
  type RunningStack,
} from '../index.js';
import { bearer, send } from '../../../tools/test-support/http.js';
import {
  closed,
  framesUntil,
  mustOpen,
  mustRefuse,
  wsUrl,
} from '../../../tools/test-support/sockets.js';

const SECRET = 'Stack-Test-Secret-0123456789ABCD';
/** Every token this file uses, for the log scan at the end. */
const tokens = new Set<string>();

async function token(role: string, extra: Omit<MintClaims, 'role'> = {}) {
  const minted = await mintToken(SECRET, { role, name: 'alice', userId: 42, ...extra });
  tokens.add(minted);
  return minted;
}

function forge(real: string): string {
  const [header, , signature] = real.split('.');
  const payload = Buffer.from(
    JSON.stringify({ sub: 'mallory', userId: 1, role: 'ADMIN', exp: 4_000_000_000 }),
  ).toString('base64url');
  const forged = `${header}.${payload}.${signature}`;
  tokens.add(forged);
  return forged;
}

/** The fields of Texera's AgentInfo this file reads. */
interface AgentBody {
  id: string;
  name: string;
  modelType: string;
  delegate: { userToken: string; userInfo: { uid: number } };
  settings: Record<string, unknown>;
}

let stack: RunningStack;
let staticDir: string;
let regular: string;

before(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'gateway-spa-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><app-root></app-root>');
  await writeFile(join(staticDir, 'main.js'), 'console.log("app")');
  stack = await startStack({ secret: SECRET, staticDir });
  regular = await token('REGULAR');
});

after(async () => {
  await stack.close();
  await rm(staticDir, { recursive: true, force: true });
});

describe('REST through the gateway', () => {
  it('serves every agent route to a REGULAR user, PATCH included', async () => {
    const auth = bearer(regular);
    const list = await send(`${stack.url}/api/agents`, { headers: auth });
    assert.equal(list.status, 200);
    const { agents } = JSON.parse(list.body) as { agents: { id: string; state: string }[] };
    assert.deepEqual(
      agents.map((a) => [a.id, a.state]),
      [['1', 'AVAILABLE']],
    );

    const models = await send(`${stack.url}/api/agents/models`, { headers: auth });
    assert.equal(models.status, 200);
    const { data } = JSON.parse(models.body) as { data: { id: string; object: string }[] };
    assert.ok(data.length > 0 && data.every((m) => m.object === 'model' && m.id));

    const created = await send(`${stack.url}/api/agents`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-user-id': '999' },
      body: JSON.stringify({ name: 'Mine', modelType: data[0].id }),
    });
    assert.equal(created.status, 200);
    const agent = JSON.parse(created.body) as AgentBody;
    assert.deepEqual(
      [agent.name, agent.modelType, agent.delegate.userInfo.uid],
      ['Mine', data[0].id, 42],
    );
    assert.equal(agent.delegate.userToken, '***', 'the agent body never echoes the token');

    const settings = await send(`${stack.url}/api/agents/${agent.id}/settings`, { headers: auth });
    assert.equal(settings.status, 200);
    assert.deepEqual(JSON.parse(settings.body), agent.settings);
    const patched = await send(`${stack.url}/api/agents/${agent.id}/settings`, {
      method: 'PATCH',
      headers: auth,
      body: '{"maxSteps":3,"disabledTools":["runWorkflow"]}',
    });
    assert.equal(patched.status, 200);
    assert.deepEqual(JSON.parse(patched.body), {
      ...agent.settings,
      maxSteps: 3,
      disabledTools: ['runWorkflow'],
    });

    const deleted = await send(`${stack.url}/api/agents/${agent.id}`, {
      method: 'DELETE',
      headers: auth,
    });
    assert.deepEqual([deleted.status, JSON.parse(deleted.body)], [200, { deleted: true }]);
    const gone = await send(`${stack.url}/api/agents/${agent.id}/settings`, { headers: auth });
    assert.deepEqual([gone.status, JSON.parse(gone.body)], [404, { error: 'Agent not found' }]);
  });

  it("answers 400 with Texera's { error } to a create without modelType and to bad settings", async () => {
    const auth = bearer(regular);
    const cases: [string, string, string, string][] = [
      ['POST', '/api/agents', '{"name":"x"}', 'modelType is required'],
      ['POST', '/api/agents', 'nope', 'modelType is required'],
      ['PATCH', '/api/agents/1/settings', '{"maxSteps":"3"}', 'invalid maxSteps'],
      ['PATCH', '/api/agents/1/settings', '{"maxSteps":0}', 'invalid maxSteps'],
      ['PATCH', '/api/agents/1/settings', '{"disabledTools":[1]}', 'invalid disabledTools'],
      [
        'PATCH',
        '/api/agents/1/settings',
        '{"operatorResultSerializationMode":"csv"}',
        'invalid operatorResultSerializationMode',
      ],
      ['PATCH', '/api/agents/1/settings', '[1]', 'expected a JSON object'],
    ];
    for (const [method, path, body, error] of cases) {
      const res = await send(stack.url + path, { method, headers: auth, body });
      assert.deepEqual([res.status, JSON.parse(res.body)], [400, { error }], body);
    }
    const settings = await send(`${stack.url}/api/agents/1/settings`, { headers: auth });
    assert.equal(JSON.parse(settings.body).maxSteps, 10, 'a refused PATCH changes nothing');
  });

  it('serves an ADMIN and answers HEAD', async () => {
    const res = await send(`${stack.url}/api/agents/models`, {
      method: 'HEAD',
      headers: bearer(await token('ADMIN')),
    });
    assert.equal(res.status, 200);
    assert.equal(res.body, '');
  });

  for (const role of ['RESTRICTED', 'INACTIVE']) {
    it(`refuses ${role} with 403 at the gateway; the agent-service never sees it`, async () => {
      await stack.agentService.settled();
      const before = stack.agentService.received.length;
      const res = await send(`${stack.url}/api/agents`, { headers: bearer(await token(role)) });
      assert.equal(res.status, 403);
      assert.equal(JSON.parse(res.body).reason, 'role');
      await stack.agentService.settled();
      assert.equal(stack.agentService.received.length, before);
    });
  }

  it('refuses no token, a forged token, an expired token and alg none with 401', async () => {
    const expired = await token('REGULAR', { ttlSeconds: -120 });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${regular.split('.')[1]}.`;
    tokens.add(none);
    const cases: [Record<string, string>, string][] = [
      [{}, 'missing'],
      [bearer(forge(regular)), 'bad-signature'],
      [bearer(expired), 'expired'],
      [bearer(none), 'alg'],
    ];
    for (const [headers, reason] of cases) {
      const res = await send(`${stack.url}/api/agents`, { headers });
      assert.equal(res.status, 401, reason);
      assert.equal(JSON.parse(res.body).reason, reason);
      assert.match(String(res.headers['www-authenticate']), /^Bearer realm="agent-service"/);
    }
  });
});

describe('GET /api/models through the gateway (the access-control stub guards it itself)', () => {
  const models = (headers: Record<string, string> = {}, method = 'GET', path = '/api/models') =>
    send(stack.url + path, { method, headers });
  /** The requests that reached the access-control stub since `from`. */
  const reachedAccessControl = (from: number) => stack.accessControl.received.slice(from);

  it("answers REGULAR and ADMIN with LiteLLM's list, with no ext_authz check", async () => {
    for (const role of ['REGULAR', 'ADMIN']) {
      const from = stack.accessControl.received.length;
      const res = await models(bearer(await token(role)));
      assert.equal(res.status, 200, role);
      const list = JSON.parse(res.body) as { object: string; data: Record<string, unknown>[] };
      assert.equal(list.object, 'list');
      assert.ok(list.data.length > 0);
      for (const model of list.data) {
        assert.deepEqual(Object.keys(model).sort(), ['created', 'id', 'object', 'owned_by']);
        assert.equal(model['object'], 'model');
        assert.equal(typeof model['id'], 'string');
        assert.equal(typeof model['created'], 'number');
        assert.equal(typeof model['owned_by'], 'string');
      }
      assert.deepEqual(
        reachedAccessControl(from).map((r) => r.url),
        ['/api/models'],
        'no /api/auth check',
      );
    }
    assert.equal((await models(bearer(regular), 'HEAD')).status, 200);
  });

  it('refuses no token (401 with a Bearer challenge) and a bad one (invalid_token), as { error }', async () => {
    const expired = await token('REGULAR', { ttlSeconds: -120 });
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /^Bearer realm="agent-service"$/],
      [bearer(forge(regular)), /error="invalid_token"/],
      [bearer(expired), /error="invalid_token"/],
    ];
    for (const [headers, challenge] of cases) {
      const res = await models(headers);
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), challenge);
      assert.deepEqual(Object.keys(JSON.parse(res.body)), ['error']);
    }
  });

  for (const role of ['RESTRICTED', 'INACTIVE']) {
    it(`refuses ${role} with 403 { error }, whatever x-user-* it sends`, async () => {
      const from = stack.accessControl.received.length;
      const res = await models({
        ...bearer(await token(role)),
        'x-user-id': '1',
        'x-user-name': 'admin',
        'x-user-email': 'admin@texera.example',
      });
      assert.equal(res.status, 403);
      assert.match(JSON.parse(res.body).error, /REGULAR and ADMIN/);
      const [seen] = reachedAccessControl(from);
      assert.deepEqual(
        Object.keys(seen.headers).filter((h) => h.startsWith('x-user-')),
        [],
        'the gateway stripped the spoofed identity',
      );
    });
  }

  it('answers 404 below /api/models and 405 to other methods, once the token passed', async () => {
    assert.equal((await models(bearer(regular), 'GET', '/api/models/gpt-4o-mini')).status, 404);
    const post = await models(bearer(regular), 'POST');
    assert.deepEqual([post.status, post.headers['allow']], [405, 'GET, HEAD']);
    assert.equal((await models({}, 'GET', '/api/models/gpt-4o-mini')).status, 401);
  });

  it('never reaches the agent-service', async () => {
    const before = stack.agentService.received.length;
    await models(bearer(regular));
    assert.equal(stack.agentService.received.length, before);
  });
});

describe('the react socket through the gateway', () => {
  it("speaks Texera's frames: init, then state, steps and complete for a message", async () => {
    const socket = await mustOpen(wsUrl(stack.url, `/api/agents/1/react?access-token=${regular}`));
    socket.ws.send(JSON.stringify({ type: 'message', content: 'Add a filter' }));
    const frames = await framesUntil(socket, (f) => f['type'] === 'complete');
    assert.deepEqual(
      frames.map((f) => f['type']),
      ['init', 'state', 'step', 'step', 'step', 'complete'],
    );
    assert.deepEqual(frames[0], { type: 'init', state: 'AVAILABLE', steps: [], headId: null });
    assert.deepEqual(frames[1], { type: 'state', state: 'GENERATING' });
    assert.deepEqual(frames.at(-1), { type: 'complete', state: 'AVAILABLE' });
    const steps = frames.slice(2, 5).map((f) => f['step'] as Record<string, unknown>);
    assert.deepEqual(
      steps.map((s) => [s['messageId'], s['stepId'], s['role'], s['isBegin'], s['isEnd']]),
      [
        ['msg-1', 1, 'agent', true, false],
        ['msg-1', 2, 'agent', false, false],
        ['msg-1', 3, 'agent', false, true],
      ],
    );
    assert.match(String(steps[0]['content']), /Add a filter/);
    assert.deepEqual(
      steps.slice(1).map((s) => s['parentId']),
      [steps[0]['id'], steps[1]['id']],
    );

    const errors = async (frame: string, error: string) => {
      const seen = socket.frames.length;
      socket.ws.send(frame);
      const all = await framesUntil(socket, () => socket.frames.length > seen);
      assert.deepEqual(all.slice(seen), [{ type: 'error', error }], frame);
    };
    await errors('not json', 'Invalid message format');
    await errors('{"type":"message","content":"  "}', 'Message content is required');
    await errors('{"type":"message"}', 'Message content is required');
    socket.ws.close();
  });

  it('refuses an upgrade without a token (401) or for RESTRICTED (403) before 101', async () => {
    assert.equal((await mustRefuse(wsUrl(stack.url, '/api/agents/1/react'))).status, 401);
    const restricted = await token('RESTRICTED');
    assert.equal(
      (await mustRefuse(wsUrl(stack.url, `/api/agents/1/react?access-token=${restricted}`))).status,
      403,
    );
  });

  it('closes an open socket with 4401 when the token expires, despite the 30 s verify tolerance', async () => {
    const shortLived = await token('REGULAR', { ttlSeconds: 2 });
    const socket = await mustOpen(
      wsUrl(stack.url, `/api/agents/1/react?access-token=${shortLived}`),
    );
    const opened = Date.now();
    const { code, reason } = await closed(socket.ws);
    const waited = Date.now() - opened;
    assert.equal(code, CLOSE_UNAUTHENTICATED);
    assert.equal(reason, 'token expired');
    assert.ok(waited > 500 && waited < 3500, `closed after ${waited} ms`);
  });
});

describe('the agent-service reached directly (defence in depth)', () => {
  it('rejects missing, forged and RESTRICTED tokens on REST', async () => {
    const direct = stack.agentService.url;
    assert.equal((await send(`${direct}/api/agents`)).status, 401);
    assert.equal(
      (
        await send(`${direct}/api/agents`, {
          headers: { ...bearer(forge(regular)), 'x-user-id': '42', 'x-user-name': 'alice' },
        })
      ).status,
      401,
    );
    assert.equal(
      (await send(`${direct}/api/agents`, { headers: bearer(await token('RESTRICTED')) })).status,
      403,
    );
  });

  it('takes identity from the token, never from x-user-* headers', async () => {
    const res = await send(`${stack.agentService.url}/api/agents`, {
      method: 'POST',
      headers: { ...bearer(regular), 'x-user-id': '1', 'x-user-name': 'mallory' },
      body: '{"modelType":"gpt-4o-mini"}',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body).delegate.userInfo, {
      uid: 42,
      name: 'alice',
      email: 'alice@texera.example',
      role: 'REGULAR',
    });
  });

  it('rejects missing and forged tokens on the socket before 101', async () => {
    assert.equal(
      (await mustRefuse(wsUrl(stack.agentService.url, '/api/agents/1/react'))).status,
      401,
    );
    const forged = await mustRefuse(
      wsUrl(stack.agentService.url, `/api/agents/1/react?access-token=${forge(regular)}`),
    );
    assert.equal(forged.status, 401);
  });
});

describe('POST /dev/token', () => {
  const JSON_BODY = { 'content-type': 'application/json' };
  const mint = (body: string, headers: Record<string, string> = JSON_BODY) =>
    send(`${stack.url}/dev/token`, { method: 'POST', body, headers });

  it('mints a token the whole stack accepts', async () => {
    const res = await mint('{"role":"ADMIN","name":"root","userId":1,"ttlSeconds":60}');
    assert.equal(res.status, 200);
    const minted = JSON.parse(res.body).token as string;
    tokens.add(minted);
    assert.equal((await send(`${stack.url}/api/agents`, { headers: bearer(minted) })).status, 200);
  });

  for (const body of [
    '{}',
    '{"role":""}',
    '{"role":"REGULAR","ttlSeconds":"1h"}',
    '{"role":"REGULAR","userId":"7"}',
    '[1]',
    'nope',
  ]) {
    it(`answers 400 to ${body}`, async () => {
      assert.equal((await mint(body)).status, 400);
    });
  }

  it('only takes POST', async () => {
    assert.equal((await send(`${stack.url}/dev/token`)).status, 405);
  });

  it('answers a loopback Host at its own port, by any of its names, and JSON with a charset', async () => {
    const port = stack.gateway.port;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
    ]) {
      const res = await mint('{"role":"REGULAR"}', { ...JSON_BODY, host });
      assert.equal(res.status, 200, host);
      tokens.add(JSON.parse(res.body).token as string);
    }
    const charset = await mint('{"role":"REGULAR"}', {
      'content-type': 'Application/JSON; charset=utf-8',
    });
    assert.equal(charset.status, 200);
    tokens.add(JSON.parse(charset.body).token as string);
  });

  /** Each refused request's headers, given the gateway's port. */
  const refusals: [string, (port: number) => Record<string, string>][] = [
    [
      'a rebinding Host (a foreign name resolving to 127.0.0.1)',
      (port) => ({ ...JSON_BODY, host: `rebind.attacker.example:${port}` }),
    ],
    ['a foreign Host without a port', () => ({ ...JSON_BODY, host: 'rebind.attacker.example' })],
    [
      'a loopback Host at another port',
      (port) => ({ ...JSON_BODY, host: `127.0.0.1:${port + 1}` }),
    ],
    ['a loopback Host without its port', () => ({ ...JSON_BODY, host: 'localhost' })],
    [
      'Content-Type: text/plain (a cross-site POST that needs no preflight)',
      () => ({ 'content-type': 'text/plain' }),
    ],
    ['a form post', () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
    ['no Content-Type', () => ({})],
  ];
  for (const [name, headers] of refusals) {
    it(`refuses ${name} with 403, minting nothing`, async () => {
      const res = await mint('{"role":"ADMIN"}', headers(stack.gateway.port));
      assert.equal(res.status, 403);
      assert.doesNotMatch(res.body, /token"|eyJ/);
    });
  }

  it('does not exist when devTokens is false', async () => {
    const prod = await startStack({ secret: SECRET, devTokens: false });
    try {
      const res = await send(`${prod.url}/dev/token`, {
        method: 'POST',
        body: '{"role":"ADMIN"}',
        headers: JSON_BODY,
      });
      assert.equal(res.status, 404);
    } finally {
      await prod.close();
    }
  });
});

describe('the SPA', () => {
  const cases: [string, number, RegExp][] = [
    ['/', 200, /<app-root>/],
    ['/main.js', 200, /console\.log/],
    ['/dashboard/agents/1', 200, /<app-root>/],
    ['/missing.png', 404, /not found/],
    ['/%2e%2e/%2e%2e/etc/passwd', 404, /not found/],
    ['/..%2f..%2fetc%2fpasswd', 404, /not found/],
    ['/api/nothing-here', 404, /no such API route/],
  ];
  for (const [path, status, body] of cases) {
    it(`GET ${path} -> ${status}`, async () => {
      const res = await send(stack.url + path);
      assert.equal(res.status, status);
      assert.match(res.body, body);
    });
  }

  it('serves JavaScript with its content type', async () => {
    assert.match(
      String((await send(`${stack.url}/main.js`)).headers['content-type']),
      /^text\/javascript/,
    );
  });
});

describe('logs', () => {
  it('hold exactly one line per request on each server it passes', async () => {
    await send(`${stack.url}/api/agents?probe=once`, { headers: bearer(regular) });
    // The agent-service runs in a Bun child: its line may arrive after the gateway's.
    await stack.agentService.settled();
    const lines = stack.logLines.filter((line) => line.includes('probe=once'));
    assert.deepEqual(lines.map((line) => line.split(' ')[0]).sort(), [
      '[access-control]',
      '[agent-service]',
      '[gateway]',
    ]);
  });

  it('hold no token, and every line has the same shape', () => {
    assert.ok(tokens.size >= 8);
    const text = stack.logLines.join('\n');
    for (const t of tokens) {
      for (const part of [t, ...t.split('.').filter((p) => p.length > 16)])
        assert.ok(!text.includes(part), 'a token reached the log');
    }
    assert.match(text, /access-token=redacted/);
    for (const line of stack.logLines) {
      assert.match(
        line,
        /^\[(gateway|access-control|agent-service)\] [A-Z]+ \/\S* (\d{3}|aborted) \d+ms( \S+)?$/,
      );
    }
  });
});
