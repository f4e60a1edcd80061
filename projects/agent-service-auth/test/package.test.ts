// The published shape: `npm run build:server` output, loaded by package name from plain Node ESM
// (no tsx), verifying a real token. Catches a wrong exports map, a missing "type": "module",
// or an import without its .js extension, none of which the source-level tests can see; and
// pins the public surface, so an internal helper cannot slip into it unnoticed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { SECRET, signRaw, texeraClaims } from './tokens.js';

const root = resolve(import.meta.dirname, '../../..');
const built = join(root, 'dist/agent-service-auth');

/** What an agent-service needs, and nothing else. */
const PUBLIC_VALUES = [
  'AgentTokenError',
  'JwtSecretError',
  'createAgentAuthorizer',
  'createAgentTokenVerifier',
  'extractAgentToken',
  'loadJwtSecret',
  'redactTokens',
];
const PUBLIC_TYPES = [
  'AgentAuthDecision',
  'AgentRole',
  'AgentRequestLike',
  'AgentTokenErrorCode',
  'AgentTokenVerifier',
  'AgentTokenVerifierOptions',
  'AgentUser',
  'AuthorizeAgentRequest',
  'FetchHeadersLike',
  'JwtSecretErrorCode',
  'JwtSecretSource',
  'LoadJwtSecretOptions',
  'NodeHeaders',
  'TexeraRole',
  'VerifiedUser',
];

/** `@texera/agent-service-auth/elysia`: the plugin, the socket guard, close codes, the pino serializers. */
const ELYSIA_VALUES = [
  'AgentAuthOrderError',
  'CLOSE_FORBIDDEN',
  'CLOSE_UNAUTHENTICATED',
  'agentAuth',
  'agentSocketClosed',
  'agentSocketGuard',
  'agentSocketOpened',
  'tokenSafeSerializers',
];

/** Every name the built declarations export, as TypeScript resolves them (types included). */
function declaredExports(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!);
  assert.ok(module, `${file} is a module`);
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

let consumer: string;

before(async () => {
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'pipe' });
  consumer = await mkdtemp(join(tmpdir(), 'agent-service-auth-consumer-'));
  await mkdir(join(consumer, 'node_modules/@texera'), { recursive: true });
  await symlink(built, join(consumer, 'node_modules/@texera/agent-service-auth'));
  // elysia is a peer dependency: the consumer brings its own.
  await symlink(join(root, 'node_modules/elysia'), join(consumer, 'node_modules/elysia'));
});

after(() => rm(consumer, { recursive: true, force: true }));

/** Runs an ES module in plain Node from a folder that has the package installed. */
async function runConsumer(code: string, env: Record<string, string> = {}): Promise<string> {
  await writeFile(join(consumer, 'consumer.mjs'), code);
  return execFileSync(process.execPath, ['consumer.mjs'], {
    cwd: consumer,
    env: { PATH: process.env['PATH'], ...env },
    encoding: 'utf8',
  });
}

describe('built package', () => {
  it('loads as @texera/agent-service-auth in plain Node and verifies a token', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const out = await runConsumer(
      `import { createAgentTokenVerifier, createAgentAuthorizer, extractAgentToken } from '@texera/agent-service-auth';
const verifier = createAgentTokenVerifier(process.env.SECRET);
const token = extractAgentToken({ url: '/api/agents', headers: { authorization: 'Bearer ' + process.env.TOKEN } });
const decision = await createAgentAuthorizer(verifier)('PATCH', '/api/auth/api/agents/1/settings', token);
const forged = await verifier.verify(token + 'x').catch((e) => [e.name, e.code]);
console.log(JSON.stringify({ status: decision.status, name: decision.headers['x-user-name'], forged }));
`,
      { SECRET, TOKEN: signRaw(texeraClaims({ exp: nowS + 300 })) },
    );
    assert.deepEqual(JSON.parse(out), {
      status: 200,
      name: 'alice',
      forged: ['AgentTokenError', 'bad-signature'],
    });
  });

  it('exports exactly the values a service needs', async () => {
    const out = await runConsumer(
      `console.log(JSON.stringify(Object.keys(await import('@texera/agent-service-auth')).sort()));`,
    );
    assert.deepEqual(JSON.parse(out), PUBLIC_VALUES);
  });

  it('declares exactly those values and the public types', () => {
    assert.deepEqual(
      declaredExports(join(built, 'index.d.ts')),
      [...PUBLIC_VALUES, ...PUBLIC_TYPES].sort(),
    );
  });

  it("serves ./elysia: agentAuth guards a router in Texera's layout, from plain Node ESM", async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const out = await runConsumer(
      `import { Elysia } from 'elysia';
import { agentAuth, agentSocketGuard, tokenSafeSerializers } from '@texera/agent-service-auth/elysia';
const router = new Elysia({ prefix: '/agents' })
  .use(agentAuth({ secret: process.env.SECRET }))
  .get('/', ({ agentUser }) => agentUser.name);
const app = new Elysia().group('/api', (a) => a.get('/healthcheck', () => 'ok').use(router));
// No .ws() here: Elysia's default adapter on Node has no WebSocket (@elysiajs/node has).
const socket = agentSocketGuard({ secret: process.env.SECRET });
const ask = (path, token) =>
  app.handle(new Request('http://localhost' + path, token ? { headers: { authorization: 'Bearer ' + token } } : {}));
const ok = await ask('/api/agents', process.env.TOKEN);
const refused = await ask('/api/agents');
console.log(JSON.stringify({
  ok: [ok.status, await ok.text()],
  refused: [refused.status, refused.headers.get('www-authenticate')],
  health: (await ask('/api/healthcheck')).status,
  socket: socket.beforeHandle.length,
  exports: Object.keys(await import('@texera/agent-service-auth/elysia')).sort(),
  serializers: Object.keys(tokenSafeSerializers).sort(),
}));
`,
      { SECRET, TOKEN: signRaw(texeraClaims({ exp: nowS + 300 })) },
    );
    assert.deepEqual(JSON.parse(out), {
      ok: [200, 'alice'],
      refused: [401, 'Bearer realm="agent-service"'],
      health: 200,
      socket: 1,
      exports: ELYSIA_VALUES,
      serializers: ['err', 'error', 'req', 'request'],
    });
  });
});
