// agentAuth and agentSocket in Texera's layout (texera-layout.ts), served for real on Bun (a
// child process, as Texera runs) and on Node (@elysiajs/node): ELYSIA_RUNTIMES=bun,node picks
// them (default both). Every refusal here fails if its guard is removed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hostElysia, type ElysiaRuntime } from '../../../tools/test-support/elysia-host.js';
import { bearer, send, type Response } from '../../../tools/test-support/http.js';
import {
  closed,
  framesUntil,
  mustOpen,
  mustRefuse,
  wsUrl,
} from '../../../tools/test-support/sockets.js';
import { CLOSE_UNAUTHENTICATED } from '../src/close-codes.js';
import { INVALID_TOKEN_MESSAGE, MISSING_TOKEN_MESSAGE } from '../src/admit.js';
import { SECRET, signRaw, texeraClaims } from '../test/tokens.js';
import { createTexeraLayoutApp } from './texera-layout.js';

const RUNTIMES = (process.env['ELYSIA_RUNTIMES'] ?? 'bun,node').split(',') as ElysiaRuntime[];
const nowS = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown> = {}) =>
  signRaw(texeraClaims({ exp: nowS() + 300, ...claims }));
const REGULAR = token();
const FORGED = signRaw(texeraClaims({ exp: nowS() + 300, role: 'ADMIN' }), {
  key: 'another-secret',
});
const EXPIRED = token({ exp: nowS() - 120 });
const RESTRICTED = token({ role: 'RESTRICTED' });
const ALG_NONE = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${REGULAR.split('.')[1]}.`;
/** Every method the router serves, each on a route that exists. */
const ROUTES: [string, string][] = [
  ['GET', '/api/agents'],
  ['POST', '/api/agents'],
  ['GET', '/api/agents/7'],
  ['PUT', '/api/agents/7'],
  ['DELETE', '/api/agents/7'],
  ['PATCH', '/api/agents/7/settings'],
  ['OPTIONS', '/api/agents/7'],
];
const BODY = '{"modelType":"gpt-4o-mini"}';
const json = { 'content-type': 'application/json' };

/** The promise's value, or a failure after `ms`: a guard that stops working fails, never hangs. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms).unref(),
    ),
  ]);
}

function assertNoToken(res: Response, ...tokens: string[]) {
  const text = JSON.stringify(res);
  for (const t of tokens) assert.ok(!text.includes(t.split('.')[2] || t), 'a token was echoed');
}

for (const runtime of RUNTIMES) {
  describe(`agentAuth and agentSocket on ${runtime}`, () => {
    let url: string;
    const records: unknown[] = [];
    let close: () => Promise<void>;
    let settled: () => Promise<void>;

    before(async () => {
      const host = await hostElysia({
        runtime,
        factory: createTexeraLayoutApp,
        file: join(import.meta.dirname, 'texera-layout.ts'),
        exportName: 'createTexeraLayoutApp',
        config: { secret: SECRET },
        io: { record: (entry) => records.push(entry) },
      });
      ({ url } = host);
      close = host.close;
      settled = host.flush;
    });
    after(() => close?.());

    /** Every route of ROUTES, each with a JSON body and `token` as Bearer (none when null). */
    const everyRoute = (token: string | null) =>
      Promise.all(
        ROUTES.map(async ([method, path]) => {
          const auth = token === null ? {} : bearer(token);
          const res = await send(url + path, { method, headers: { ...json, ...auth }, body: BODY });
          return { route: `${method} ${path}`, method, res };
        }),
      );

    describe('REST on the router', () => {
      it('leaves /healthcheck and routes outside the router open (the hook is scoped)', async () => {
        const open = ['/api/healthcheck', '/outside', '/after-router'];
        const statuses = await Promise.all(
          open.map(async (path) => (await send(url + path)).status),
        );
        assert.deepEqual(statuses, [200, 200, 200]);
        assert.equal(
          (await send(`${url}/direct`)).status,
          401,
          'the router used directly is guarded',
        );
      });

      it('answers every method without a token 401, Bearer challenge and { error }', async () => {
        for (const { route, res } of await everyRoute(null)) {
          assert.equal(res.status, 401, route);
          assert.equal(res.headers['www-authenticate'], 'Bearer realm="agent-service"');
          assert.equal(JSON.parse(res.body).error, MISSING_TOKEN_MESSAGE);
        }
      });

      for (const [name, bad, code] of [
        ['a forged', FORGED, 'bad-signature'],
        ['an expired', EXPIRED, 'expired'],
        ['an alg none', ALG_NONE, 'alg'],
        ['a malformed', 'not.a.jwt', 'malformed'],
      ]) {
        it(`refuses ${name} token 401 invalid_token on every method, quoting no token`, async () => {
          for (const { route, res } of await everyRoute(bad)) {
            assert.equal(res.status, 401, route);
            assert.equal(
              res.headers['www-authenticate'],
              'Bearer realm="agent-service", error="invalid_token"',
            );
            assert.equal(JSON.parse(res.body).error, INVALID_TOKEN_MESSAGE, code);
            assertNoToken(res, bad);
          }
        });
      }

      for (const role of ['RESTRICTED', 'INACTIVE', null]) {
        it(`refuses role ${role} with 403 { error } on every method`, async () => {
          const jwt = token(role === null ? { role: undefined } : { role });
          for (const { route, res } of await everyRoute(jwt)) {
            assert.equal(res.status, 403, route);
            assert.match(JSON.parse(res.body).error, /REGULAR and ADMIN/);
          }
        });
      }

      it('refuses a RESTRICTED token that comes with a spoofed x-user-id of a REGULAR user', async () => {
        const res = await send(`${url}/api/agents`, {
          headers: { ...bearer(RESTRICTED), 'x-user-id': '42', 'x-user-name': 'alice' },
        });
        assert.equal(res.status, 403);
      });

      it('serves REGULAR and ADMIN on every method, the user and raw token in the context', async () => {
        const admin = token({ role: 'ADMIN', sub: 'root', userId: 1 });
        for (const [jwt, name] of [
          [REGULAR, 'alice'],
          [admin, 'root'],
        ]) {
          for (const { route, method, res } of await everyRoute(jwt)) {
            assert.equal(res.status, 200, route);
            const seen = JSON.parse(res.body);
            assert.deepEqual([seen.method, seen.user.name, seen.token], [method, name, jwt]);
          }
        }
      });

      it('reads ?access-token= before Authorization, as extractAgentToken does', async () => {
        const res = await send(`${url}/api/agents?access-token=${REGULAR}`, {
          headers: bearer(FORGED),
        });
        assert.equal(res.status, 200);
        assert.equal(JSON.parse(res.body).token, REGULAR);
        const forgedFirst = await send(`${url}/api/agents?access-token=${FORGED}`, {
          headers: bearer(REGULAR),
        });
        assert.equal(forgedFirst.status, 401);
      });

      it('takes identity from the token: spoofed x-user-* are overwritten wherever a handler reads', async () => {
        const spoofed = { ...bearer(REGULAR), 'x-user-id': '1', 'x-user-name': 'mallory' };
        const res = await send(`${url}/api/agents`, { headers: spoofed });
        assert.equal(res.status, 200);
        const seen = JSON.parse(res.body);
        assert.deepEqual(
          [seen.user.uid, seen.contextHeader, seen.requestHeader, seen.requestName],
          [42, '42', '42', 'alice'],
        );
        // A handler that reads request.headers only (Elysia then builds no context.headers).
        const raw = JSON.parse((await send(`${url}/api/agents/7/raw`, { headers: spoofed })).body);
        assert.deepEqual([raw.requestHeader, raw.requestName], ['42', 'alice']);
      });

      it('judges the token before the body: 401 for a malformed or invalid body, never 400', async () => {
        for (const body of ['{"modelType":1}', '{not json', '']) {
          const res = await send(`${url}/api/agents`, { method: 'POST', headers: json, body });
          assert.equal(res.status, 401, body);
          const forged = await send(`${url}/api/agents`, {
            method: 'POST',
            headers: { ...json, ...bearer(FORGED) },
            body,
          });
          assert.equal(forged.status, 401, body);
        }
        const valid = await send(`${url}/api/agents`, {
          method: 'POST',
          headers: { ...json, ...bearer(REGULAR) },
          body: '{"modelType":1}',
        });
        assert.equal(valid.status, 422, 'the schema still applies once admitted');
      });

      it('does not take a token from the body', async () => {
        const res = await send(`${url}/api/agents`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ modelType: 'x', token: REGULAR }),
        });
        assert.equal(res.status, 401);
      });
    });

    describe('the react socket (agentSocket, outside the router)', () => {
      const react = (query: string) => wsUrl(url, `/api/agents/7/react${query}`);

      for (const [name, query, status] of [
        ['no token', '', 401],
        ['a forged token', `?access-token=${FORGED}`, 401],
        ['an expired token', `?access-token=${EXPIRED}`, 401],
        ['a RESTRICTED token', `?access-token=${RESTRICTED}`, 403],
      ] as const) {
        it(`refuses an upgrade with ${name}: HTTP ${status}, no 101`, async () => {
          const refused = await mustRefuse(react(query));
          assert.equal(refused.status, status);
          assert.ok(JSON.parse(refused.body).error);
          if (status === 401) assert.match(String(refused.headers['www-authenticate']), /^Bearer/);
          assertNoToken(refused, FORGED, EXPIRED, RESTRICTED);
        });
      }

      it('refuses a RESTRICTED upgrade that spoofs x-user-id, and a Bearer-only RESTRICTED one', async () => {
        const spoofed = await mustRefuse(react(`?access-token=${RESTRICTED}`), {
          'x-user-id': '42',
        });
        assert.equal(spoofed.status, 403);
        assert.equal((await mustRefuse(react(''), bearer(RESTRICTED))).status, 403);
      });

      it('opens for REGULAR; the handlers get the params, the verified user and the token', async () => {
        const socket = await mustOpen(react(`?access-token=${REGULAR}`), {
          'x-user-id': '1',
          'x-user-name': 'mallory',
        });
        const [init] = await framesUntil(socket, (f) => f['type'] === 'init');
        assert.deepEqual(
          [init['id'], (init['user'] as { uid: number }).uid, init['tokenLength']],
          ['7', 42, REGULAR.length],
        );
        assert.deepEqual(
          [init['contextHeader'], init['requestHeader'], init['requestName']],
          ['42', '42', 'alice'],
          'spoofed x-user-* never reach ws.data.headers nor ws.data.request.headers',
        );
        socket.ws.send('{"type":"message","content":"hi"}');
        const frames = await framesUntil(socket, (f) => f['type'] === 'echo');
        assert.ok(frames.some((f) => f['type'] === 'echo'));
        socket.ws.close();
        await closed(socket.ws);
      });

      it('never upgrades a token past exp, even inside the 30 s verify tolerance; open never runs', async () => {
        const justExpired = token({ exp: nowS() - 3, userId: 4242 });
        const refused = await mustRefuse(
          wsUrl(url, `/api/agents/77/react?access-token=${justExpired}`),
        );
        assert.equal(refused.status, 401);
        assert.match(JSON.parse(refused.body).error, /expired/);
        const stillValid = await send(`${url}/api/agents`, { headers: bearer(justExpired) });
        assert.equal(stillValid.status, 200, 'REST keeps the tolerance');
        await settled();
        assert.ok(
          !records.some((r) => Object.values(r as object).includes('77')),
          `no handler ran: ${JSON.stringify(records)}`,
        );
      });

      it('closes an open socket 4401 at exp, server side; closeAtExpiry: false leaves it open', async () => {
        const shortLived = token({ exp: nowS() + 2 });
        const guarded = await mustOpen(react(`?access-token=${shortLived}`));
        const lingering = await mustOpen(
          wsUrl(url, `/api/lingering/8/react?access-token=${shortLived}`),
        );
        const opened = Date.now();
        const { code, reason } = await within(5000, closed(guarded.ws), 'the server closed it');
        const waited = Date.now() - opened;
        assert.deepEqual([code, reason], [CLOSE_UNAUTHENTICATED, 'token expired']);
        assert.ok(waited > 300 && waited < 3500, `closed after ${waited} ms`);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(lingering.ws.readyState, lingering.ws.OPEN, 'closeAtExpiry: false');
        lingering.ws.close();
        await closed(lingering.ws);
        await settled();
        assert.ok(
          records.some((r) => (r as { closed?: string }).closed === '8'),
          'the wrapped close handler ran',
        );
      });
    });
  });
}

for (const runtime of RUNTIMES) {
  describe(`an app built on require('elysia') (another Elysia copy than the plugin's) on ${runtime}`, () => {
    let url: string;
    let close: () => Promise<void>;

    before(async () => {
      ({ url, close } = await hostElysia({
        runtime,
        factory: createTexeraLayoutApp,
        file: join(import.meta.dirname, 'texera-layout.ts'),
        exportName: 'createTexeraLayoutApp',
        config: { secret: SECRET, module: 'cjs' },
      }));
    });
    after(() => close?.());

    it('is guarded: 401 without a token, 403 RESTRICTED, 200 REGULAR, healthcheck open', async () => {
      for (const [method, path] of ROUTES) {
        const none = await send(url + path, { method, headers: json, body: BODY });
        assert.equal(none.status, 401, `${method} ${path}`);
      }
      assert.equal((await send(`${url}/api/agents`, { headers: bearer(RESTRICTED) })).status, 403);
      const ok = await send(`${url}/api/agents`, {
        headers: { ...bearer(REGULAR), 'x-user-id': '1' },
      });
      assert.deepEqual([ok.status, JSON.parse(ok.body).requestHeader], [200, '42']);
      assert.equal((await send(`${url}/api/healthcheck`)).status, 200);
    });

    it('guards the react socket: refused without a token, opened for REGULAR', async () => {
      const react = (query: string) => wsUrl(url, `/api/agents/7/react${query}`);
      assert.equal((await mustRefuse(react(''))).status, 401);
      assert.equal((await mustRefuse(react(`?access-token=${RESTRICTED}`))).status, 403);
      const socket = await mustOpen(react(`?access-token=${REGULAR}`));
      await framesUntil(socket, (f) => f['type'] === 'init');
      socket.ws.close();
      await closed(socket.ws);
    });
  });
}
