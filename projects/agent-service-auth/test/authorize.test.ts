import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentPath } from '../src/authorize.js';
import {
  createAgentAuthorizer,
  createAgentTokenVerifier,
  type AgentAuthDecision,
} from '../src/index.js';
import { NOW, NOW_MS, SECRET, signRaw, texeraClaims, without } from './tokens.js';

const authorize = createAgentAuthorizer(createAgentTokenVerifier(SECRET, { now: () => NOW_MS }));
const regular = signRaw(texeraClaims());
const admin = signRaw(
  texeraClaims({ role: 'ADMIN', sub: 'root', userId: 1, email: 'root@example.org' }),
);

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Paths as the access-control service receives them (Envoy's path_prefix + original path). */
const AGENT_PATHS = [
  '/api/auth/api/agents',
  '/api/auth/api/agents/',
  '/api/auth/api/agents/models',
  '/api/auth/api/agents/7',
  '/api/auth/api/agents/7/settings',
  '/api/auth/api/agents/7/react?access-token=whatever',
  '/api/auth/api/agents?limit=5',
  '/api/agents/7/settings',
];
const OUTSIDE_PATHS = [
  '/api/auth',
  '/api/auth/',
  '/api/auth/api/agentsX',
  '/api/auth/api/agents-admin/1',
  '/api/auth/api/other',
  '/api/auth/api/workflow/1',
  '/api/auth//api/agents',
  '/api/auth/api/agents/../users',
  '/api/auth/api/agents/%2e%2e/users',
  '/api/auth/api/agents/%2E%2E/users',
  '/api/auth/api/agents/./7',
  '/api/auth/api/agents%2f7',
  '/api/auth/api/agents/7%2F..%2F..%2Fusers',
  '/api/auth/api/agents\\..\\users',
  '/api/auth/api/agents/#/../../users',
  '/api/auth/api/agents/#',
  '/api/auth/api/agents?limit=5#frag',
  '/api/agents/7/settings#x',
  '/api/authx/api/agents',
  '/',
  '',
];

function assertAllowed(decision: AgentAuthDecision, id: string, name: string, email: string) {
  assert.equal(decision.status, 200);
  assert.deepEqual(decision.headers, {
    'x-user-id': id,
    'x-user-name': name,
    'x-user-email': email,
  });
}

describe('authorizeAgentRequest', () => {
  for (const method of METHODS) {
    for (const path of AGENT_PATHS) {
      it(`allows REGULAR ${method} ${path}`, async () => {
        assertAllowed(await authorize(method, path, regular), '42', 'alice', 'alice@example.org');
      });
    }
    it(`allows ADMIN ${method} on settings`, async () => {
      assertAllowed(
        await authorize(method, '/api/auth/api/agents/7/settings', admin),
        '1',
        'root',
        'root@example.org',
      );
    });
    it(`accepts the lowercase method ${method.toLowerCase()}`, async () => {
      assert.equal(
        (await authorize(method.toLowerCase(), '/api/auth/api/agents', regular)).status,
        200,
      );
    });
  }

  for (const method of ['OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND']) {
    it(`refuses ${method} with 403`, async () => {
      assert.deepEqual(await authorize(method, '/api/auth/api/agents', regular), {
        status: 403,
        headers: {},
        reason: 'method',
      });
    });
  }

  for (const path of OUTSIDE_PATHS) {
    it(`refuses the path ${JSON.stringify(path)} with 403`, async () => {
      const decision = await authorize('GET', path, admin);
      assert.deepEqual(decision, { status: 403, headers: {}, reason: 'path' });
    });
  }

  for (const role of ['INACTIVE', 'RESTRICTED', 'regular', 'Admin', 'SUPERUSER', '']) {
    it(`refuses role ${JSON.stringify(role)} with 403`, async () => {
      const decision = await authorize(
        'GET',
        '/api/auth/api/agents',
        signRaw(texeraClaims({ role })),
      );
      assert.deepEqual([decision.status, decision.reason, decision.headers], [403, 'role', {}]);
    });
  }

  it('refuses a token without a role with 403', async () => {
    const decision = await authorize(
      'GET',
      '/api/auth/api/agents',
      signRaw(without(texeraClaims(), 'role')),
    );
    assert.deepEqual([decision.status, decision.reason], [403, 'role']);
  });

  it('answers 401 with a Bearer challenge when there is no token', async () => {
    for (const token of [null, undefined, '', '  ']) {
      const decision = await authorize('GET', '/api/auth/api/agents', token);
      assert.deepEqual(decision, {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="agent-service"' },
        reason: 'missing',
      });
    }
  });

  it('answers 401 invalid_token for a bad token, before looking at path or role', async () => {
    const cases: [string, string][] = [
      [signRaw(texeraClaims(), { key: 'wrong-secret-wrong-secret-wrong!' }), 'bad-signature'],
      [signRaw(texeraClaims({ exp: NOW - 31 })), 'expired'],
      [signRaw(texeraClaims(), { header: { alg: 'HS512' }, hash: 'sha512' }), 'alg'],
      ['not-a-jwt', 'malformed'],
    ];
    for (const [token, reason] of cases) {
      for (const path of ['/api/auth/api/agents', '/api/auth/api/other']) {
        const decision = await authorize('PATCH', path, token);
        assert.equal(decision.status, 401);
        assert.equal(decision.reason, reason);
        assert.match(decision.headers['www-authenticate'], /error="invalid_token"/);
        assert.ok(!JSON.stringify(decision).includes(token));
      }
    }
  });

  it('percent-encodes identity values that are not visible ASCII, and sends an empty email', async () => {
    const token = signRaw(texeraClaims({ sub: 'Zoë 张\r\nx-user-id: 1', email: null }));
    const decision = await authorize('GET', '/api/auth/api/agents', token);
    assert.equal(decision.status, 200);
    assert.equal(decision.headers['x-user-name'], encodeURIComponent('Zoë 张\r\nx-user-id: 1'));
    assert.equal(decision.headers['x-user-email'], '');
    for (const value of Object.values(decision.headers)) assert.match(value, /^[\x20-\x7e]*$/);
  });

  it('returns the user on success', async () => {
    const decision = await authorize('GET', '/api/auth/api/agents', regular);
    assert.equal(decision.user?.name, 'alice');
  });
});

describe('agentPath', () => {
  it('strips the /api/auth prefix and the query', () => {
    assert.equal(agentPath('/api/auth/api/agents/7/react?access-token=x'), '/api/agents/7/react');
    assert.equal(agentPath('/api/agents'), '/api/agents');
    assert.equal(agentPath('/api/agentsX'), null);
  });
});
