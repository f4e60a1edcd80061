import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { jwtVerify, SignJWT } from 'jose';
import {
  AgentTokenError,
  createAgentTokenVerifier,
  type AgentTokenErrorCode,
} from '../src/index.js';
import { MAX_TOKEN_LENGTH } from '../src/verifier.js';
import {
  b64url,
  ERROR_CODES,
  hmac,
  KEY,
  NOW,
  NOW_MS,
  SECRET,
  signRaw,
  texeraClaims,
  without,
} from './tokens.js';

const verifier = createAgentTokenVerifier(SECRET, { now: () => NOW_MS });
const valid = signRaw(texeraClaims());
const [validHeader, validPayload, validSignature] = valid.split('.');

function flipLastChar(text: string): string {
  return text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A');
}

/** Signs a 16 KB token properly: only the length cap can reject it. */
function hugeToken(): string {
  return signRaw(texeraClaims({ padding: 'x'.repeat(16 * 1024) }));
}

interface Case {
  name: string;
  token: () => string | null | undefined;
  expect: AgentTokenErrorCode | 'accept';
}

/** A case whose token is just `claims`, properly signed. */
function signed(name: string, claims: Record<string, unknown>, expect: Case['expect']): Case {
  return { name, token: () => signRaw(claims), expect };
}

/** The attack corpus of issue 5, plus neighbours that pin down each boundary. */
export const CORPUS: Case[] = [
  {
    name: 'a Texera token signed with the lowercased secret',
    token: () => valid,
    expect: 'accept',
  },
  {
    name: 'alg none, no signature',
    token: () => `${b64url({ alg: 'none', typ: 'JWT' })}.${validPayload}.`,
    expect: 'alg',
  },
  {
    name: 'alg None (case variant), no signature',
    token: () => `${b64url({ alg: 'None' })}.${validPayload}.`,
    expect: 'alg',
  },
  {
    name: 'alg none carrying a valid HS256 signature',
    token: () => `${b64url({ alg: 'none' })}.${validPayload}.${validSignature}`,
    expect: 'alg',
  },
  {
    name: 'HS384 with the right secret',
    token: () => signRaw(texeraClaims(), { header: { alg: 'HS384' }, hash: 'sha384' }),
    expect: 'alg',
  },
  {
    name: 'HS512 with the right secret',
    token: () => signRaw(texeraClaims(), { header: { alg: 'HS512' }, hash: 'sha512' }),
    expect: 'alg',
  },
  {
    name: 'RS256 header, HMAC-signed with the secret (key confusion)',
    token: () => signRaw(texeraClaims(), { header: { alg: 'RS256', typ: 'JWT' } }),
    expect: 'alg',
  },
  {
    name: 'no alg in the header',
    token: () => signRaw(texeraClaims(), { header: { typ: 'JWT' } }),
    expect: 'malformed',
  },
  {
    name: 'tampered payload (role raised to ADMIN, signature kept)',
    token: () => `${validHeader}.${b64url(texeraClaims({ role: 'ADMIN' }))}.${validSignature}`,
    expect: 'bad-signature',
  },
  {
    name: 'tampered payload (longer expiry, signature kept)',
    token: () => `${validHeader}.${b64url(texeraClaims({ exp: NOW + 86_400 }))}.${validSignature}`,
    expect: 'bad-signature',
  },
  { name: 'tampered signature', token: () => flipLastChar(valid), expect: 'bad-signature' },
  {
    name: 'signature removed',
    token: () => `${validHeader}.${validPayload}.`,
    expect: 'bad-signature',
  },
  {
    name: 'wrong secret',
    token: () => signRaw(texeraClaims(), { key: 'another-secret-of-32-characters!' }),
    expect: 'bad-signature',
  },
  {
    name: 'signed with the un-lowercased secret',
    token: () => signRaw(texeraClaims(), { key: SECRET }),
    expect: 'bad-signature',
  },
  signed('expired by 31 s', texeraClaims({ exp: NOW - 31 }), 'expired'),
  signed('expired by 29 s (inside the 30 s skew)', texeraClaims({ exp: NOW - 29 }), 'accept'),
  signed('expired a day ago', texeraClaims({ exp: NOW - 86_400 }), 'expired'),
  signed('nbf 60 s in the future', texeraClaims({ nbf: NOW + 60 }), 'not-yet-valid'),
  signed('nbf 20 s in the future (inside the skew)', texeraClaims({ nbf: NOW + 20 }), 'accept'),
  signed('nbf in the past', texeraClaims({ nbf: NOW - 60 }), 'accept'),
  signed('iat 60 s in the future', texeraClaims({ iat: NOW + 60 }), 'not-yet-valid'),
  signed('iat in the past', texeraClaims({ iat: NOW - 60 }), 'accept'),
  signed('iat not a number', texeraClaims({ iat: 'yesterday' }), 'claims'),
  signed('missing exp', without(texeraClaims(), 'exp'), 'claims'),
  signed('exp as a string', texeraClaims({ exp: String(NOW + 900) }), 'claims'),
  signed('missing sub', without(texeraClaims(), 'sub'), 'claims'),
  signed('empty sub', texeraClaims({ sub: '' }), 'claims'),
  signed('sub not a string', texeraClaims({ sub: 7 }), 'claims'),
  signed('missing userId', without(texeraClaims(), 'userId'), 'claims'),
  signed('userId as a string', texeraClaims({ userId: '42' }), 'claims'),
  signed('userId not an integer', texeraClaims({ userId: 4.2 }), 'claims'),
  signed('role not a string', texeraClaims({ role: ['ADMIN'] }), 'claims'),
  signed('email not a string', texeraClaims({ email: 1 }), 'claims'),
  signed('unknown role (judged at authorize, 403)', texeraClaims({ role: 'SUPERUSER' }), 'accept'),
  signed('missing role (judged at authorize, 403)', without(texeraClaims(), 'role'), 'accept'),
  { name: 'two segments', token: () => `${validHeader}.${validPayload}`, expect: 'malformed' },
  { name: 'four segments', token: () => `${valid}.${validSignature}`, expect: 'malformed' },
  { name: 'five segments (JWE shape)', token: () => `${valid}.a.b`, expect: 'malformed' },
  { name: 'one segment', token: () => validPayload, expect: 'malformed' },
  { name: 'empty string', token: () => '', expect: 'missing' },
  { name: 'whitespace only', token: () => ' \t\n ', expect: 'missing' },
  { name: 'null', token: () => null, expect: 'missing' },
  { name: 'undefined', token: () => undefined, expect: 'missing' },
  { name: 'a correctly signed 16 KB token', token: hugeToken, expect: 'malformed' },
  {
    name: 'non-JSON payload',
    token: () => signRaw('this is not json'),
    expect: 'malformed',
  },
  { name: 'JSON array payload', token: () => signRaw('[1,2,3]'), expect: 'malformed' },
  { name: 'JSON string payload', token: () => signRaw('"alice"'), expect: 'malformed' },
  {
    name: 'non-JSON header',
    token: () => {
      const input = `${b64url('{alg:HS256')}.${validPayload}`;
      return `${input}.${hmac(input)}`;
    },
    expect: 'malformed',
  },
  {
    name: 'signature not base64url',
    token: () => `${validHeader}.${validPayload}.***`,
    expect: 'malformed',
  },
  {
    name: 'unknown critical header extension',
    token: () =>
      signRaw(texeraClaims(), { header: { alg: 'HS256', crit: ['x-must'], 'x-must': 1 } }),
    expect: 'malformed',
  },
  {
    name: 'jku/kid header pointing elsewhere (ignored: the key is fixed)',
    token: () =>
      signRaw(texeraClaims(), {
        header: { alg: 'HS256', kid: '../../etc/passwd', jku: 'http://evil.invalid' },
      }),
    expect: 'accept',
  },
];

async function outcome(token: string | null | undefined): Promise<AgentTokenError | 'accept'> {
  try {
    await verifier.verify(token);
    return 'accept';
  } catch (error) {
    assert.ok(error instanceof AgentTokenError, `expected AgentTokenError, got ${String(error)}`);
    return error;
  }
}

describe('attack corpus', () => {
  for (const c of CORPUS) {
    it(`${c.expect === 'accept' ? 'accepts' : `rejects (${c.expect})`}: ${c.name}`, async () => {
      const token = c.token();
      const result = await outcome(token);
      assert.equal(result === 'accept' ? 'accept' : result.code, c.expect);
      if (result !== 'accept' && token) {
        const text = `${result.message}\n${result.stack}\n${String(result)}`;
        for (const part of [token, ...token.split('.').filter((s) => s.length > 8)]) {
          assert.ok(!text.includes(part), 'error text quotes the token');
        }
      }
    });
  }

  it('has every error code covered', () => {
    const codes = new Set(CORPUS.map((c) => c.expect));
    for (const code of ERROR_CODES) assert.ok(codes.has(code), code);
  });
});

describe('one spelling per token (RFC 7515 base64url)', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  /** The same bytes, spelled with the last character's lowest (unused) bit set. */
  const sibling = (s: string) => s.slice(0, -1) + ALPHABET[ALPHABET.indexOf(s.slice(-1)) | 1];
  const padded = (s: string) => s + '='.repeat((4 - (s.length % 4)) % 4);
  /** A JSON value whose base64url length leaves `rest` characters over a multiple of 4. */
  function withLength(make: (pad: string) => unknown, rest: 2 | 3): string {
    for (let n = 0; ; n++) {
      const encoded = b64url(make('x'.repeat(n)));
      if (encoded.length % 4 === rest) return encoded;
    }
  }
  // Both with unused bits in their last character (the signature always has 2: 32 bytes).
  const header = withLength((pad) => ({ alg: 'HS256', typ: 'JWT', pad }), 3);
  const payload = withLength((pad) => texeraClaims({ pad }), 2);

  /** A token signed over its segments as written, with segment `at` respelled by `spell`. */
  function respelled(at: number, spell: (s: string) => string): string {
    const parts = [header, payload].map((part, i) => (i === at ? spell(part) : part));
    const input = parts.join('.');
    const signature = hmac(input);
    return `${input}.${at === 2 ? spell(signature) : signature}`;
  }

  it('accepts the canonical spelling', async () => {
    assert.equal((await verifier.verify(respelled(-1, (s) => s))).name, 'alice');
  });

  for (const [spelling, spell] of [
    ['= padding appended', padded],
    ['a non-canonical last character', sibling],
  ] as const) {
    for (const [at, segment] of ['header', 'payload', 'signature'].entries()) {
      it(`refuses the ${segment} with ${spelling} (malformed), which jose alone accepts`, async () => {
        const token = respelled(at, spell);
        const { payload: claims } = await jwtVerify(token, new TextEncoder().encode(KEY), {
          algorithms: ['HS256'],
          currentDate: new Date(NOW_MS),
        });
        assert.equal(claims['sub'], 'alice', 'jose verifies this spelling');
        await assert.rejects(verifier.verify(token), { code: 'malformed' });
      });
    }
  }
});

describe('createAgentTokenVerifier', () => {
  it("maps Texera claims to Texera's UserInfo shape (uid, name, email, role) plus exp, nothing else", async () => {
    const user = await verifier.verify(signRaw(texeraClaims({ googleId: 'g-1' })));
    assert.deepEqual(user, {
      uid: 42,
      name: 'alice',
      email: 'alice@example.org',
      role: 'REGULAR',
      exp: NOW + 900,
    });
  });

  it("reports a missing email as '' (as Texera's extractUserFromToken) and a missing role as null, never a default role", async () => {
    const user = await verifier.verify(signRaw(without(without(texeraClaims(), 'role'), 'email')));
    assert.equal(user.role, null);
    assert.equal(user.email, '');
  });

  it('accepts a token minted by jose with the lowercased secret', async () => {
    const token = await new SignJWT({ userId: 7, email: 'b@example.org', role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bob')
      .setExpirationTime(NOW + 60)
      .sign(new TextEncoder().encode(KEY));
    assert.equal((await verifier.verify(token)).name, 'bob');
  });

  it('honours clockToleranceSeconds', async () => {
    const strict = createAgentTokenVerifier(SECRET, {
      clockToleranceSeconds: 0,
      now: () => NOW_MS,
    });
    await assert.rejects(strict.verify(signRaw(texeraClaims({ exp: NOW - 1 }))), {
      code: 'expired',
    });
    await assert.rejects(strict.verify(signRaw(texeraClaims({ nbf: NOW + 1 }))), {
      code: 'not-yet-valid',
    });
  });

  it('uses the real clock by default', async () => {
    const real = createAgentTokenVerifier(SECRET);
    const nowS = Math.floor(Date.now() / 1000);
    await assert.rejects(real.verify(signRaw(texeraClaims({ exp: nowS - 120 }))), {
      code: 'expired',
    });
    assert.equal((await real.verify(signRaw(texeraClaims({ exp: nowS + 120 })))).uid, 42);
  });

  it('imports the key once, however many tokens it verifies', async (t) => {
    const importKey = t.mock.method(crypto.subtle, 'importKey');
    const fresh = createAgentTokenVerifier(SECRET, { now: () => NOW_MS });
    await Promise.all([
      fresh.verify(valid),
      fresh.verify(valid),
      fresh.verify(flipLastChar(valid)).catch(() => 0),
    ]);
    await fresh.verify(valid);
    assert.equal(importKey.mock.callCount(), 1);
    mock.restoreAll();
  });

  it('accepts a signed token of MAX_TOKEN_LENGTH and refuses one a few bytes longer', async () => {
    const padded = (n: number) => signRaw(texeraClaims({ pad: 'x'.repeat(n) }));
    // The payload grows by 4 base64 characters per 3 bytes of padding: walk up to the cap.
    let n = 0;
    while (padded(n + 3).length <= MAX_TOKEN_LENGTH) n += 3;
    const fits = padded(n);
    const over = padded(n + 3);
    assert.ok(fits.length <= MAX_TOKEN_LENGTH && fits.length > MAX_TOKEN_LENGTH - 4);
    assert.equal((await verifier.verify(fits)).uid, 42);
    await assert.rejects(verifier.verify(over), { code: 'malformed' });
  });

  it('refuses an empty secret at construction', () => {
    assert.throws(() => createAgentTokenVerifier(''), TypeError);
    assert.throws(() => createAgentTokenVerifier('   '), TypeError);
  });

  it('refuses a secret shorter than 32 characters (a key under 256 bits) at construction', () => {
    const short = 'Only-31-Characters-0123456789ab';
    for (const secret of ['x', short]) {
      assert.throws(() => createAgentTokenVerifier(secret), {
        name: 'TypeError',
        message: /shorter than 32 characters/,
      });
    }
    assert.throws(
      () => createAgentTokenVerifier(short),
      (error: Error) => !error.message.toLowerCase().includes(short.toLowerCase()),
    );
    assert.doesNotThrow(() => createAgentTokenVerifier('Exactly-32-Characters-0123456789'));
  });

  it('never throws synchronously from verify', () => {
    const pending = verifier.verify('###');
    assert.ok(pending instanceof Promise);
    return assert.rejects(pending, { code: 'malformed' });
  });
});
