// A verifier built at import time from a loader (Texera's server.ts builds its router at import,
// and its CI imports that with no secret set): nothing is read until a token needs the key, and
// `ready()` is where a service without a real secret refuses to start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createAgentAuthorizer,
  createAgentTokenVerifier,
  JwtSecretError,
  loadJwtSecret,
} from '../src/index.js';
import { SECRET, signRaw, texeraClaims, NOW_MS } from './tokens.js';

const now = () => NOW_MS;

describe('createAgentTokenVerifier(loader)', () => {
  it('reads nothing when made, and refuses a missing or malformed token without the secret', async () => {
    let loads = 0;
    const verifier = createAgentTokenVerifier(
      () => {
        loads++;
        return loadJwtSecret({ env: {} });
      },
      { now },
    );
    assert.equal(loads, 0, 'made without loading');
    await assert.rejects(verifier.verify(undefined), { code: 'missing' });
    await assert.rejects(verifier.verify('x'.repeat(9000)), { code: 'malformed' });
    // Not three canonical base64url segments: no JWS at all, so no key is needed to say so.
    for (const notJws of ['obviously-not-a-jwt', 'a.b.c', 'abc.def', 'eyJh.eyJh.sig=']) {
      await assert.rejects(verifier.verify(notJws), { code: 'malformed' }, notJws);
    }
    assert.equal(loads, 0, 'no secret needed to refuse those');
  });

  it('ready() rejects with the typed JwtSecretError when no secret is set', async () => {
    const verifier = createAgentTokenVerifier(() => loadJwtSecret({ env: {} }));
    await assert.rejects(verifier.ready(), (error) => {
      assert.ok(error instanceof JwtSecretError);
      assert.equal(error.code, 'unset');
      return true;
    });
  });

  it('a token that needs the key while the secret cannot be loaded is a JwtSecretError, not a 401', async () => {
    const verifier = createAgentTokenVerifier(() => loadJwtSecret({ env: {} }), { now });
    const token = signRaw(texeraClaims());
    await assert.rejects(verifier.verify(token), JwtSecretError);
    // A 401 would sign every user out for the service's own fault; the decision throws instead.
    await assert.rejects(
      createAgentAuthorizer(verifier)('GET', '/api/agents', token),
      JwtSecretError,
    );
  });

  it('loads once, on first use, and tries again after a failed load', async () => {
    const env: Record<string, string | undefined> = {};
    let loads = 0;
    const verifier = createAgentTokenVerifier(
      () => {
        loads++;
        return loadJwtSecret({ env });
      },
      { now },
    );
    const token = signRaw(texeraClaims());
    await assert.rejects(verifier.verify(token), JwtSecretError);
    env['AUTH_JWT_SECRET'] = SECRET;
    assert.equal((await verifier.verify(token)).name, 'alice');
    await verifier.ready();
    assert.equal((await verifier.verify(signRaw(texeraClaims({ sub: 'bob' })))).name, 'bob');
    assert.equal(loads, 2, 'one failed load, then one that is kept');
  });

  it("checks a loader's secret too: empty or short is a JwtSecretError naming no value", async () => {
    for (const [secret, code] of [
      ['   ', 'empty'],
      ['Short-Secret-0123456789', 'short'],
    ] as const) {
      const verifier = createAgentTokenVerifier(async () => secret);
      await assert.rejects(verifier.ready(), (error) => {
        assert.ok(error instanceof JwtSecretError);
        assert.equal(error.code, code);
        assert.ok(!error.message.includes(secret.trim() || '\0'));
        return true;
      });
    }
  });

  it('a secret given as a string is still checked at once (TypeError)', () => {
    assert.throws(() => createAgentTokenVerifier('short'), TypeError);
    assert.throws(() => createAgentTokenVerifier(''), TypeError);
  });
});
