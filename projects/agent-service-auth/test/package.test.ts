// The published shape: `npm run build:server` output, loaded by package name from plain Node ESM
// (no tsx), verifying a real token. Catches a wrong exports map, a missing "type": "module",
// or an import without its .js extension, none of which the source-level tests can see.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SECRET, signRaw, texeraClaims } from './tokens.js';

const root = resolve(import.meta.dirname, '../../..');

describe('built package', () => {
  it('loads as @texera/agent-service-auth (and /elysia) in plain Node and verifies a token', async () => {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'pipe' });
    const dir = await mkdtemp(join(tmpdir(), 'agent-service-auth-consumer-'));
    try {
      await mkdir(join(dir, 'node_modules/@texera'), { recursive: true });
      await symlink(
        join(root, 'dist/agent-service-auth'),
        join(dir, 'node_modules/@texera/agent-service-auth'),
      );
      await writeFile(
        join(dir, 'consumer.mjs'),
        `import { createAgentTokenVerifier, createAgentAuthorizer, extractAgentToken } from '@texera/agent-service-auth';
const verifier = createAgentTokenVerifier(process.env.SECRET);
const token = extractAgentToken({ url: '/api/agents', headers: { authorization: 'Bearer ' + process.env.TOKEN } });
const decision = await createAgentAuthorizer(verifier)('PATCH', '/api/auth/api/agents/1/settings', token);
const forged = await verifier.verify(token + 'x').catch((e) => e.code);
console.log(JSON.stringify({ status: decision.status, name: decision.headers['x-user-name'], forged }));
`,
      );
      const nowS = Math.floor(Date.now() / 1000);
      const out = execFileSync(process.execPath, ['consumer.mjs'], {
        cwd: dir,
        env: {
          PATH: process.env['PATH'],
          SECRET,
          TOKEN: signRaw(texeraClaims({ exp: nowS + 300 })),
        },
        encoding: 'utf8',
      });
      assert.deepEqual(JSON.parse(out), { status: 200, name: 'alice', forged: 'bad-signature' });

      // The ./elysia subpath, with elysia (its peer) resolved as a consumer's would be.
      await writeFile(
        join(dir, 'elysia-consumer.mjs'),
        `import { Elysia } from 'elysia';
import { agentAuth, agentSocket, tokenSafeSerializers } from '@texera/agent-service-auth/elysia';
const router = new Elysia({ prefix: '/agents' })
  .use(agentAuth({ secret: process.env.SECRET }))
  .get('/', ({ agentUser }) => agentUser.name);
const app = new Elysia().group('/api', (a) => a.get('/healthcheck', () => 'ok').use(router));
// No .ws() here: Elysia's default adapter on Node has no WebSocket (@elysiajs/node does).
const socket = agentSocket({ secret: process.env.SECRET, open() {} });
const ask = (path, token) =>
  app.handle(new Request('http://localhost' + path, token ? { headers: { authorization: 'Bearer ' + token } } : {}));
const ok = await ask('/api/agents', process.env.TOKEN);
const refused = await ask('/api/agents');
const health = await ask('/api/healthcheck');
console.log(JSON.stringify({
  ok: [ok.status, await ok.text()],
  refused: [refused.status, refused.headers.get('www-authenticate')],
  health: health.status,
  serializers: Object.keys(tokenSafeSerializers).sort(),
  socket: [socket.beforeHandle.length, typeof socket.open, typeof socket.close],
}));
`,
      );
      await symlink(join(root, 'node_modules/elysia'), join(dir, 'node_modules/elysia'));
      const elysiaOut = execFileSync(process.execPath, ['elysia-consumer.mjs'], {
        cwd: dir,
        env: {
          PATH: process.env['PATH'],
          SECRET,
          TOKEN: signRaw(texeraClaims({ exp: nowS + 300 })),
        },
        encoding: 'utf8',
      });
      assert.deepEqual(JSON.parse(elysiaOut), {
        ok: [200, 'alice'],
        refused: [401, 'Bearer realm="agent-service"'],
        health: 200,
        serializers: ['err', 'error', 'req', 'request'],
        socket: [1, 'function', 'function'],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
