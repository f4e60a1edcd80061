// The whole stack as `npm run gateway` starts it: gateway + real access-control and agent stubs.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CLOSE_TOKEN_EXPIRED,
  mintToken,
  startStack,
  type MintClaims,
  type RunningStack,
} from '../index.js';
import { bearer, closed, framesUntil, mustOpen, mustRefuse, send, wsUrl } from './helpers.js';

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
    assert.ok(Array.isArray(JSON.parse(list.body)));

    const created = await send(`${stack.url}/api/agents`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-user-id': '999' },
      body: '{"name":"Mine"}',
    });
    assert.equal(created.status, 201);
    const agent = JSON.parse(created.body) as { id: string; name: string; ownerId: number };
    assert.deepEqual([agent.name, agent.ownerId], ['Mine', 42]);

    const models = await send(`${stack.url}/api/agents/models`, { headers: auth });
    assert.equal(models.status, 200);
    assert.ok(JSON.parse(models.body).length > 0);

    const settings = await send(`${stack.url}/api/agents/${agent.id}/settings`, { headers: auth });
    assert.equal(settings.status, 200);
    const patched = await send(`${stack.url}/api/agents/${agent.id}/settings`, {
      method: 'PATCH',
      headers: auth,
      body: '{"maxSteps":3}',
    });
    assert.equal(patched.status, 200);
    assert.equal(JSON.parse(patched.body).maxSteps, 3);

    const deleted = await send(`${stack.url}/api/agents/${agent.id}`, {
      method: 'DELETE',
      headers: auth,
    });
    assert.equal(deleted.status, 204);
    assert.equal(
      (await send(`${stack.url}/api/agents/${agent.id}/settings`, { headers: auth })).status,
      404,
    );
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
      const before = stack.agentService.received.length;
      const res = await send(`${stack.url}/api/agents`, { headers: bearer(await token(role)) });
      assert.equal(res.status, 403);
      assert.equal(JSON.parse(res.body).reason, 'role');
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

describe('the react socket through the gateway', () => {
  it('answers a prompt with step frames and a final status frame', async () => {
    const socket = await mustOpen(wsUrl(stack.url, `/api/agents/1/react?access-token=${regular}`));
    socket.ws.send(JSON.stringify({ type: 'prompt', prompt: 'Add a filter' }));
    const frames = await framesUntil(socket, (f) => f['type'] === 'status');
    assert.deepEqual(
      frames.map((f) => f['type']),
      ['ready', 'step', 'step', 'step', 'status'],
    );
    assert.deepEqual(frames.at(-1), { type: 'status', status: 'completed', steps: 3 });
    socket.ws.send('not json');
    await framesUntil(socket, (f) => f['type'] === 'error');
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
    assert.equal(code, CLOSE_TOKEN_EXPIRED);
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
      headers: { ...bearer(regular), 'x-user-id': '1' },
      body: '{}',
    });
    assert.equal(res.status, 201);
    assert.equal(JSON.parse(res.body).ownerId, 42);
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
  it('mints a token the whole stack accepts', async () => {
    const res = await send(`${stack.url}/dev/token`, {
      method: 'POST',
      body: '{"role":"ADMIN","name":"root","userId":1,"ttlSeconds":60}',
    });
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
      assert.equal((await send(`${stack.url}/dev/token`, { method: 'POST', body })).status, 400);
    });
  }

  it('only takes POST', async () => {
    assert.equal((await send(`${stack.url}/dev/token`)).status, 405);
  });

  it('does not exist when devTokens is false', async () => {
    const prod = await startStack({ secret: SECRET, devTokens: false });
    try {
      assert.equal(
        (await send(`${prod.url}/dev/token`, { method: 'POST', body: '{"role":"ADMIN"}' })).status,
        404,
      );
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
    const lines = stack.logLines.filter((line) => line.includes('probe=once'));
    assert.deepEqual(
      lines.map((line) => line.split(' ')[0]),
      ['[access-control]', '[agent-service]', '[gateway]'],
    );
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
