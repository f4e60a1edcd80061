import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createAgentTokenVerifier,
  JwtSecretError,
  loadJwtSecret,
  type JwtSecretErrorCode,
} from '../src/index.js';
import { TEXERA_DEV_SECRET } from '../src/texera-key.js';
import { NOW_MS, signRaw, texeraClaims } from './tokens.js';

/** The layout of Texera's core/config auth.conf (values are this test's own). */
const TEXERA_LAYOUT = `# JWT settings
auth {
    jwt {
        expiration-in-minutes = 15
        expiration-in-minutes = \${?AUTH_JWT_EXP_IN_MINUTES}

        256-bit-secret = "FileDefault-0123456789abcdefABCD"
        256-bit-secret = \${?AUTH_JWT_SECRET}
    }
}
`;

let dir: string;
const conf = (name: string) => join(dir, name);
/** Loaders for the tables below: the named file in this test's folder with no env, or `env` alone. */
const fromFile = (name: string) => () => loadJwtSecret({ env: {}, authConfPath: conf(name) });
const fromEnv = (env: Record<string, string>) => () => loadJwtSecret({ env });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-auth-secret-'));
  const files: Record<string, string> = {
    'texera.conf': TEXERA_LAYOUT,
    'random.conf': 'auth.jwt.256-bit-secret = "Random"\n',
    'empty.conf': 'auth { jwt { 256-bit-secret = "" } }\n',
    'blank.conf': 'auth { jwt { 256-bit-secret = "   " } }\n',
    'no-key.conf': 'auth { jwt { expiration-in-minutes = 15 } }\n',
    'object.conf': 'auth { jwt { 256-bit-secret { a = 1 } } }\n',
    'number.conf': 'auth.jwt.256-bit-secret = 1234567890\n',
    'short.conf': 'auth.jwt.256-bit-secret = "Only-31-Characters-0123456789ab"\n',
    'texera-default.conf': `auth.jwt.256-bit-secret = "${TEXERA_DEV_SECRET.toUpperCase()}"\n`,
    'big-number.conf': 'auth.jwt.256-bit-secret = 12345678901234567890\n',
    'other-var.conf':
      'auth.jwt.256-bit-secret = "Fallback-Value-0123456789abcdefg"\nauth.jwt.256-bit-secret = ${?OTHER_SECRET}\n',
    'broken.conf': 'auth { jwt { 256-bit-secret = "Some-Value" \n',
    // A secret wrapped in ${} by mistake: the parser's own error would quote it.
    'wrapped.conf': 'auth { jwt { 256-bit-secret = ${Leaky-Secret-Value} } }\n',
    'required-var.conf': 'auth.jwt.256-bit-secret = ${MUST_BE_SET}\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(conf(name), text);
});

after(() => rm(dir, { recursive: true, force: true }));

async function failure(promise: Promise<string>): Promise<JwtSecretError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JwtSecretError, String(error));
    return error;
  }
  assert.fail('expected loadJwtSecret to reject');
}

describe('loadJwtSecret', () => {
  const FILE_DEFAULT = 'FileDefault-0123456789abcdefABCD';
  const reads: [string, () => Promise<string>, string][] = [
    [
      'prefers a non-empty AUTH_JWT_SECRET over the file, as written',
      () =>
        loadJwtSecret({
          env: { AUTH_JWT_SECRET: 'From-Env-SECRET-0123456789abcdef' },
          authConfPath: conf('texera.conf'),
        }),
      'From-Env-SECRET-0123456789abcdef',
    ],
    [
      'reads auth.jwt.256-bit-secret from a Texera-style auth.conf, as written',
      fromFile('texera.conf'),
      FILE_DEFAULT,
    ],
    [
      'treats an empty AUTH_JWT_SECRET as unset, so the file default applies',
      () => loadJwtSecret({ env: { AUTH_JWT_SECRET: '' }, authConfPath: conf('texera.conf') }),
      FILE_DEFAULT,
    ],
    [
      'takes the file path from AUTH_CONF_PATH',
      () => loadJwtSecret({ env: { AUTH_CONF_PATH: conf('texera.conf') } }),
      FILE_DEFAULT,
    ],
  ];

  for (const [name, load, expected] of reads) {
    it(name, async () => assert.equal(await load(), expected));
  }

  it('returns a secret the verifier keys as Texera does: lowercased, once, in texeraKeyBytes', async () => {
    const secret = await fromFile('texera.conf')();
    const verifier = createAgentTokenVerifier(secret, { now: () => NOW_MS });
    const signed = (key: string) => signRaw(texeraClaims(), { key });
    assert.equal((await verifier.verify(signed(secret.toLowerCase()))).name, 'alice');
    await assert.rejects(verifier.verify(signed(secret)), { code: 'bad-signature' });
  });

  it('resolves ${?VAR} substitutions against the given env, not process.env', async () => {
    process.env['OTHER_SECRET'] = 'From-Process-Env-0123456789abcdef';
    try {
      assert.equal(
        await loadJwtSecret({
          env: { OTHER_SECRET: 'From-Given-Env-0123456789abcdefg' },
          authConfPath: conf('other-var.conf'),
        }),
        'From-Given-Env-0123456789abcdefg',
      );
      assert.equal(
        await loadJwtSecret({ env: {}, authConfPath: conf('other-var.conf') }),
        'Fallback-Value-0123456789abcdefg',
      );
    } finally {
      delete process.env['OTHER_SECRET'];
    }
  });

  it('defaults to process.env when no env is given', async () => {
    process.env['AUTH_JWT_SECRET'] = 'Process-Env-Secret-0123456789abc';
    try {
      assert.equal(await loadJwtSecret(), 'Process-Env-Secret-0123456789abc');
    } finally {
      delete process.env['AUTH_JWT_SECRET'];
    }
  });

  const failures: [string, () => Promise<string>, JwtSecretErrorCode, RegExp[]][] = [
    [
      'random in the env',
      fromEnv({ AUTH_JWT_SECRET: 'random' }),
      'random',
      [/JVM/, /AUTH_JWT_SECRET/],
    ],
    [
      'RANDOM in the env (Texera compares lowercased)',
      fromEnv({ AUTH_JWT_SECRET: 'RANDOM' }),
      'random',
      [/JVM/],
    ],
    ['random in the file', fromFile('random.conf'), 'random', [/random\.conf/, /no other service/]],
    [
      'no env and no file',
      fromEnv({}),
      'unset',
      [/AUTH_JWT_SECRET/, /AUTH_CONF_PATH/, /auth\.jwt\.256-bit-secret/],
    ],
    [
      'a missing file',
      fromFile('absent.conf'),
      'file',
      [/absent\.conf/, /auth\.jwt\.256-bit-secret/],
    ],
    [
      'a file without the key',
      fromFile('no-key.conf'),
      'key',
      [/no-key\.conf/, /auth\.jwt\.256-bit-secret/],
    ],
    ['an object under the key', fromFile('object.conf'), 'key', [/object\.conf/, /not a string/]],
    [
      'a number too large to read exactly',
      fromFile('big-number.conf'),
      'key',
      [/big-number\.conf/, /quote it/],
    ],
    [
      'an empty value',
      fromFile('empty.conf'),
      'empty',
      [/empty\.conf/, /auth\.jwt\.256-bit-secret/],
    ],
    ['a blank value', fromFile('blank.conf'), 'empty', [/blank\.conf/]],
    [
      'a whitespace AUTH_JWT_SECRET',
      fromEnv({ AUTH_JWT_SECRET: '  ' }),
      'empty',
      [/AUTH_JWT_SECRET/],
    ],
    [
      'a file that is not HOCON',
      fromFile('broken.conf'),
      'parse',
      [/broken\.conf/, /auth\.jwt\.256-bit-secret/],
    ],
    [
      'a secret one character long',
      fromEnv({ AUTH_JWT_SECRET: 'x' }),
      'short',
      [/AUTH_JWT_SECRET/, /shorter than 32 characters/, /256 bits/],
    ],
    [
      'a 31-character secret in the file',
      fromFile('short.conf'),
      'short',
      [/short\.conf/, /auth\.jwt\.256-bit-secret/, /shorter than 32 characters/],
    ],
    [
      'an unquoted number (read as its digits, never 32 of them)',
      fromFile('number.conf'),
      'short',
      [/number\.conf/],
    ],
    [
      'an unresolved required substitution',
      fromFile('required-var.conf'),
      'parse',
      [/required-var\.conf/],
    ],
  ];

  for (const [name, load, code, patterns] of failures) {
    it(`rejects ${name} with code ${code}, naming where it looked`, async () => {
      const error = await failure(load());
      assert.equal(error.code, code);
      for (const pattern of patterns) assert.match(error.message, pattern);
    });
  }

  it('never puts a secret value in its messages', async () => {
    const wrapped = await failure(loadJwtSecret({ env: {}, authConfPath: conf('wrapped.conf') }));
    assert.equal(wrapped.code, 'parse');
    assert.match(wrapped.message, /line 1, column \d+/);
    assert.doesNotMatch(`${wrapped.message}${wrapped.stack}`, /leaky-secret-value/i);
    const random = await failure(loadJwtSecret({ env: { AUTH_JWT_SECRET: 'RaNdOm' } }));
    assert.doesNotMatch(random.message, /RaNdOm/);
    const short = await failure(loadJwtSecret({ env: { AUTH_JWT_SECRET: 'Short-Leaky-Value' } }));
    assert.doesNotMatch(`${short.message}${short.stack}`, /short-leaky-value/i);
  });

  it('accepts a 32-character secret, the length of Texera’s own default', async () => {
    const secret = 'Exactly-32-Characters-0123456789';
    assert.equal(secret.length, 32);
    assert.equal(await loadJwtSecret({ env: { AUTH_JWT_SECRET: secret } }), secret);
  });
});

describe('loadJwtSecret and Texera’s public development secret', () => {
  /** A warn sink of the test's own, recording what it is told. */
  const sink = () => {
    const lines: string[] = [];
    return { lines, warn: (line: string) => void lines.push(line) };
  };

  for (const [source, load] of [
    [
      'AUTH_JWT_SECRET',
      (warn: (line: string) => void) =>
        loadJwtSecret({ env: { AUTH_JWT_SECRET: TEXERA_DEV_SECRET.toUpperCase() }, warn }),
    ],
    [
      'auth.conf',
      (warn: (line: string) => void) =>
        loadJwtSecret({ env: {}, authConfPath: conf('texera-default.conf'), warn }),
    ],
  ] as const) {
    it(`warns (from ${source}, any case), naming where it came from, never printing it`, async () => {
      const { lines, warn } = sink();
      assert.equal((await load(warn)).toLowerCase(), TEXERA_DEV_SECRET, 'and still loads it');
      assert.equal(lines.length, 1);
      assert.match(lines[0], /public development secret/);
      assert.match(lines[0], source === 'auth.conf' ? /texera-default\.conf/ : /AUTH_JWT_SECRET/);
      assert.doesNotMatch(lines[0], new RegExp(TEXERA_DEV_SECRET, 'i'));
    });
  }

  it('warns each sink once per process, however often the secret is loaded', async () => {
    const first = sink();
    const second = sink();
    const env = { AUTH_JWT_SECRET: TEXERA_DEV_SECRET };
    for (let i = 0; i < 3; i++) await loadJwtSecret({ env, warn: first.warn });
    await loadJwtSecret({ env, warn: second.warn });
    assert.deepEqual([first.lines.length, second.lines.length], [1, 1]);
  });

  it('warns on console.warn by default', async (t) => {
    const consoleWarn = t.mock.method(console, 'warn', () => undefined);
    await loadJwtSecret({ env: { AUTH_JWT_SECRET: TEXERA_DEV_SECRET } });
    await loadJwtSecret({ env: { AUTH_JWT_SECRET: TEXERA_DEV_SECRET } });
    assert.equal(consoleWarn.mock.callCount(), 1);
    assert.match(String(consoleWarn.mock.calls[0].arguments[0]), /public development secret/);
  });

  it('says nothing about any other secret', async () => {
    const { lines, warn } = sink();
    await loadJwtSecret({ env: { AUTH_JWT_SECRET: `${TEXERA_DEV_SECRET}0` }, warn });
    await loadJwtSecret({ env: {}, authConfPath: conf('texera.conf'), warn });
    assert.deepEqual(lines, []);
  });
});
