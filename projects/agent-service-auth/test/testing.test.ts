// `@texera/agent-service-auth/testing`: the tokens it mints pass the real verifier, with the
// secret the service under test loads from the environment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAgentTokenVerifier, loadJwtSecret } from '../src/index.js';
import { testSecret, testToken } from '../src/testing.js';
import { SECRET } from './tokens.js';

const decode = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

describe('testSecret', () => {
  it('is AUTH_JWT_SECRET when set', () => {
    assert.equal(testSecret({ AUTH_JWT_SECRET: SECRET }), SECRET);
  });

  it('otherwise makes a random secret for the process and puts it into AUTH_JWT_SECRET', async () => {
    const env: Record<string, string | undefined> = { AUTH_JWT_SECRET: '' };
    const secret = testSecret(env);
    assert.equal(env['AUTH_JWT_SECRET'], secret);
    assert.equal(testSecret(env), secret, 'the same one afterwards');
    assert.notEqual(testSecret({}), secret, 'random, not a published constant');
    assert.equal(await loadJwtSecret({ env }), secret, 'a usable secret for loadJwtSecret');
  });
});

describe('testToken', () => {
  it("signs Texera's claims with the secret a loader-built verifier reads (process.env)", async () => {
    const saved = process.env['AUTH_JWT_SECRET'];
    delete process.env['AUTH_JWT_SECRET'];
    try {
      const verifier = createAgentTokenVerifier(loadJwtSecret);
      const user = await verifier.verify(testToken());
      assert.deepEqual(
        { ...user, exp: undefined },
        { uid: 1, name: 'tester', email: 'tester@example.com', role: 'REGULAR', exp: undefined },
      );
      const nowS = Date.now() / 1000;
      assert.ok(user.exp > nowS + 3500 && user.exp <= nowS + 3600);
    } finally {
      if (saved === undefined) delete process.env['AUTH_JWT_SECRET'];
      else process.env['AUTH_JWT_SECRET'] = saved;
    }
  });

  it('takes role, userId, sub, email, exp or expiresIn, extra claims, and a given secret', async () => {
    const verifier = createAgentTokenVerifier(SECRET);
    const admin = testToken(
      { role: 'ADMIN', userId: 7, sub: 'root', email: 'r@x' },
      { secret: SECRET },
    );
    assert.deepEqual(
      { ...(await verifier.verify(admin)), exp: 0 },
      { uid: 7, name: 'root', email: 'r@x', role: 'ADMIN', exp: 0 },
    );
    assert.equal(decode(testToken({ exp: 123 }, { secret: SECRET }))['exp'], 123);
    assert.equal(decode(testToken({ googleId: 'g' }, { secret: SECRET }))['googleId'], 'g');
    await assert.rejects(verifier.verify(testToken({ expiresIn: -120 }, { secret: SECRET })), {
      code: 'expired',
    });
    await assert.rejects(verifier.verify(testToken({}, { secret: `${SECRET}-other` })), {
      code: 'bad-signature',
    });
  });
});
