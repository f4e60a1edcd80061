// The agent-service's own refusals keep Texera's words (its specs assert them) and never quote
// the token; the admitted user is Texera's UserInfo with a role narrowed to REGULAR/ADMIN.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admitAgentToken } from '../src/admit.js';
import { createAgentTokenVerifier } from '../src/index.js';
import { NOW_MS, SECRET, signRaw, texeraClaims, without } from './tokens.js';

const verifier = createAgentTokenVerifier(SECRET, { now: () => NOW_MS });
const admit = (token: string | null) => admitAgentToken(verifier, token);

describe('admitAgentToken', () => {
  it("answers no token 401 in Texera's words", async () => {
    const outcome = await admit(null);
    assert.deepEqual(outcome.admitted ? null : [outcome.status, outcome.reason, outcome.body], [
      401,
      'missing',
      { error: 'Authorization header with a Bearer token is required' },
    ]);
  });

  for (const [name, token] of [
    ['forged', signRaw(texeraClaims(), { key: 'another-secret-of-enough-length!!' })],
    ['expired', signRaw(texeraClaims({ exp: NOW_MS / 1000 - 60 }))],
    ['malformed', 'obviously-not-a-jwt'],
  ]) {
    it(`answers a ${name} token 401 "Invalid or expired token", quoting no token`, async () => {
      const outcome = await admit(token);
      assert.ok(!outcome.admitted);
      assert.equal(outcome.status, 401);
      assert.deepEqual(outcome.body, { error: 'Invalid or expired token' });
      assert.ok(!JSON.stringify(outcome).includes(token));
    });
  }

  for (const claims of [texeraClaims({ role: 'RESTRICTED' }), without(texeraClaims(), 'role')]) {
    it(`answers role ${String(claims['role'])} 403`, async () => {
      const outcome = await admit(signRaw(claims));
      assert.deepEqual(outcome.admitted ? null : [outcome.status, outcome.body.error], [
        403,
        'Only REGULAR and ADMIN users may use the agent-service',
      ]);
    });
  }

  it('admits REGULAR and ADMIN as UserInfo (uid, name, email, role) plus exp', async () => {
    for (const role of ['REGULAR', 'ADMIN']) {
      const token = signRaw(texeraClaims({ role }));
      const outcome = await admit(token);
      assert.ok(outcome.admitted);
      assert.deepEqual(outcome.user, {
        uid: 42,
        name: 'alice',
        email: 'alice@example.org',
        role,
        exp: NOW_MS / 1000 + 900,
      });
      assert.equal(outcome.token, token);
    }
  });
});
