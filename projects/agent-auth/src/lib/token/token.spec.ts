import fc from 'fast-check';
import { jwtDecode } from 'jwt-decode';

import { base64url, handmadeJwt, signedJwt } from './tokens.spec-helper';
import {
  type TokenVerdict,
  assessToken,
  authorizationValue,
  createTokenAssessor,
  currentToken,
  readToken,
  tokenFingerprint,
  tokenInHeader,
  whenSettled,
} from './token';

const EXP = 2_000_000_000; // 2033-05-18, seconds
const BEFORE_EXP_MS = EXP * 1000 - 60_000;

describe('assessToken', () => {
  let valid: string;
  let noExp: string;

  beforeAll(async () => {
    valid = await signedJwt(EXP);
    noExp = await signedJwt(null);
  });

  const missing: TokenVerdict = { usable: false, reason: 'missing' };
  const expired: TokenVerdict = { usable: false, reason: 'expired' };

  it('accepts a signed Texera token before exp and hands back exactly that token', () => {
    expect(assessToken(valid, BEFORE_EXP_MS, 0)).toEqual({ usable: true, token: valid, exp: EXP });
  });

  it('trims whitespace around the token (a getter reading a text field or a file)', () => {
    expect(assessToken(`  ${valid}\n`, BEFORE_EXP_MS, 0)).toEqual({
      usable: true,
      token: valid,
      exp: EXP,
    });
  });

  for (const [name, raw] of [
    ['empty', ''],
    ['whitespace', ' \t\n '],
    ['null', null],
    ['undefined', undefined],
    ['the string "null" (localStorage.setItem(key, null))', 'null'],
    ['the string "undefined"', 'undefined'],
    ['a number', 42],
    ['an object', { token: 'x' }],
    ['a String object', new String('a.b.c')],
    ['an array of parts', ['a', 'b', 'c']],
  ] as const) {
    it(`calls ${name} missing`, () => {
      expect(assessToken(raw, BEFORE_EXP_MS, 0)).toEqual(missing);
    });
  }

  describe('malformed tokens are missing, never thrown', () => {
    const cases: [string, () => string][] = [
      ['two parts (no signature)', () => valid.split('.').slice(0, 2).join('.')],
      ['an empty signature (alg none style)', () => valid.replace(/[^.]+$/, '')],
      ['four parts', () => `${valid}.extra`],
      ['characters outside base64url', () => valid.replace('.', '.+/')],
      ['whitespace inside', () => valid.replace('.', '. ')],
      [
        'a payload that is not valid base64 (length 1 mod 4)',
        () => handmadeJwt('{}').replace(/\.[^.]+\./, '.A.'),
      ],
      ['a payload that is not JSON', () => handmadeJwt('this is not json')],
      ['a JSON number as payload', () => handmadeJwt('123')],
      ['a JSON array as payload', () => handmadeJwt('[]')],
      ['JSON null as payload', () => handmadeJwt('null')],
      ['a string exp', () => handmadeJwt(`{"sub":"alice","exp":"${EXP}"}`)],
      ['a null exp', () => handmadeJwt('{"sub":"alice","exp":null}')],
      ['a boolean exp', () => handmadeJwt('{"sub":"alice","exp":true}')],
      ['an object exp', () => handmadeJwt('{"sub":"alice","exp":{"$date":1}}')],
      ['an exp that overflows to Infinity', () => handmadeJwt('{"sub":"alice","exp":1e400}')],
      ['an exp of -Infinity', () => handmadeJwt('{"sub":"alice","exp":-1e400}')],
    ];
    for (const [name, token] of cases) {
      it(name, () => {
        expect(() => assessToken(token(), BEFORE_EXP_MS, 0)).not.toThrow();
        expect(assessToken(token(), BEFORE_EXP_MS, 0)).toEqual(missing);
      });
    }

    it('jwt-decode itself would accept the two-part token: the shape check is what refuses it', () => {
      const twoParts = valid.split('.').slice(0, 2).join('.');
      expect(() => jwtDecode(twoParts)).not.toThrow();
      expect(assessToken(twoParts, BEFORE_EXP_MS, 0)).toEqual(missing);
    });
  });

  it('sends a token without exp (the server decides)', () => {
    expect(assessToken(noExp, BEFORE_EXP_MS, 0)).toEqual({ usable: true, token: noExp, exp: null });
    expect(assessToken(noExp, Number.MAX_SAFE_INTEGER, 0).usable).toBeTrue();
  });

  it('calls a token past exp expired', () => {
    expect(assessToken(valid, (EXP + 3600) * 1000, 0)).toEqual(expired);
  });

  it('is expired exactly at exp and usable one millisecond before', () => {
    expect(assessToken(valid, EXP * 1000 - 1, 0).usable).toBeTrue();
    expect(assessToken(valid, EXP * 1000, 0)).toEqual(expired);
  });

  it('honours leewaySeconds: usable until exp + leeway, expired from then on', () => {
    expect(assessToken(valid, (EXP + 10) * 1000, 30).usable).toBeTrue();
    expect(assessToken(valid, (EXP + 30) * 1000 - 1, 30).usable).toBeTrue();
    expect(assessToken(valid, (EXP + 30) * 1000, 30)).toEqual(expired);
    expect(assessToken(valid, (EXP + 10) * 1000, 5)).toEqual(expired);
  });

  it('handles a fractional exp at its exact boundary', () => {
    const token = handmadeJwt(`{"sub":"alice","exp":${EXP}.5}`);
    expect(assessToken(token, EXP * 1000 + 499, 0).usable).toBeTrue();
    expect(assessToken(token, EXP * 1000 + 500, 0)).toEqual(expired);
  });

  it('never throws and never calls a non-string usable, whatever it is given (property)', () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.anything(), fc.integer(), (raw, now) => {
        runs++;
        return typeof raw === 'string' || !assessToken(raw, now, 0).usable;
      }),
      { numRuns: 2_000 },
    );
    expect(runs).toBe(2_000);
  });

  it('calls a string usable only when it is three base64url parts with an object payload (property)', () => {
    const unit = fc.constantFrom(...'AZaz09-_+/=. %'.split(''));
    const randomParts = fc
      .array(fc.string({ unit, maxLength: 12 }), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('.'));
    // Small edits of a real token: most break it, some (in the signature) keep it usable.
    const edited = fc
      .tuple(fc.nat(valid.length), fc.nat(3), fc.string({ unit, maxLength: 2 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut));
    const seen = { usable: 0, unusable: 0 };
    fc.assert(
      fc.property(fc.oneof(randomParts, edited), (raw) => {
        const verdict = assessToken(raw, BEFORE_EXP_MS, 0);
        if (!verdict.usable) return ++seen.unusable > 0;
        seen.usable++;
        const segments = verdict.token.split('.');
        const claims: unknown = jwtDecode(verdict.token);
        return (
          segments.length === 3 &&
          segments.every((segment) => /^[\w-]+$/.test(segment)) &&
          typeof claims === 'object' &&
          claims !== null &&
          !Array.isArray(claims)
        );
      }),
      { numRuns: 5_000 },
    );
    // Both outcomes really occur, so the property is not vacuous.
    expect(seen.usable).toBeGreaterThan(50);
    expect(seen.unusable).toBeGreaterThan(50);
  });
});

describe('createTokenAssessor decode cache', () => {
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = await signedJwt(EXP, { sub: 'a' });
    b = await signedJwt(EXP, { sub: 'b' });
  });

  function countingJudge() {
    const decode = jasmine.createSpy('decode', jwtDecode).and.callThrough();
    return { judge: createTokenAssessor(decode), decode };
  }

  it('decodes each token string once, however many requests use it', () => {
    const { judge, decode } = countingJudge();
    for (let i = 0; i < 50; i++) expect(judge(a, BEFORE_EXP_MS, 0).usable).toBeTrue();
    expect(decode).toHaveBeenCalledTimes(1);
    judge(b, BEFORE_EXP_MS, 0);
    judge(a, BEFORE_EXP_MS, 0);
    judge(b, BEFORE_EXP_MS, 0);
    expect(decode).toHaveBeenCalledTimes(2);
    expect(decode.calls.allArgs()).toEqual([[a], [b]]);
  });

  it('caches the decoded exp, not the verdict: the same token turns expired as time passes', () => {
    const { judge, decode } = countingJudge();
    expect(judge(a, EXP * 1000 - 1, 0).usable).toBeTrue();
    expect(judge(a, EXP * 1000, 0)).toEqual({ usable: false, reason: 'expired' });
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('remembers a malformed token too, and keeps the shape check in front of the decoder', () => {
    const { judge, decode } = countingJudge();
    const junk = `${base64url('{}')}.${base64url('not json')}.c2ln`;
    judge(junk, BEFORE_EXP_MS, 0);
    judge(junk, BEFORE_EXP_MS, 0);
    expect(decode).toHaveBeenCalledTimes(1);
    judge('not-a-jwt', BEFORE_EXP_MS, 0);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('stays bounded: a stream of different tokens evicts the oldest', () => {
    const { judge, decode } = countingJudge();
    judge(a, BEFORE_EXP_MS, 0);
    for (let i = 0; i < 100; i++) judge(handmadeJwt(`{"n":${i}}`), BEFORE_EXP_MS, 0);
    expect(decode).toHaveBeenCalledTimes(101);
    judge(a, BEFORE_EXP_MS, 0);
    expect(decode).toHaveBeenCalledTimes(102);
  });

  it('turns a decoder that throws into "missing"', () => {
    const judge = createTokenAssessor(() => {
      throw new Error('boom');
    });
    expect(judge(a, BEFORE_EXP_MS, 0)).toEqual({ usable: false, reason: 'missing' });
  });
});

describe('readToken', () => {
  it('keeps a sync string sync', () => {
    expect(readToken(() => 'a.b.c')).toBe('a.b.c');
  });

  it('turns null, undefined and non-strings into null', () => {
    expect(readToken(() => null)).toBeNull();
    expect(readToken(() => undefined)).toBeNull();
    expect(readToken((() => 42) as unknown as () => string)).toBeNull();
    expect(readToken((() => ({ then: 'not callable' })) as unknown as () => string)).toBeNull();
  });

  it('turns a getter that throws into null', () => {
    expect(
      readToken(() => {
        throw new Error('SecurityError');
      }),
    ).toBeNull();
  });

  it('passes a Promise through as a Promise of the token', async () => {
    const read = readToken(() => Promise.resolve('a.b.c'));
    expect(read).toBeInstanceOf(Promise);
    expect(await read).toBe('a.b.c');
  });

  it('turns a thenable into a real Promise', async () => {
    const thenable = { then: (resolve: (value: string) => void) => resolve('a.b.c') };
    const read = readToken((() => thenable) as unknown as () => Promise<string>);
    expect(read).toBeInstanceOf(Promise);
    expect(await read).toBe('a.b.c');
  });

  it('resolves a rejecting getter, or one resolving to a non-string, to null', async () => {
    expect(await readToken(() => Promise.reject(new Error('storage gone')))).toBeNull();
    expect(await readToken(() => Promise.resolve(null))).toBeNull();
    expect(
      await readToken((() => Promise.resolve(7)) as unknown as () => Promise<string>),
    ).toBeNull();
  });
});

describe('currentToken', () => {
  const EXP = Math.floor(Date.now() / 1000) + 3600;
  const valid = handmadeJwt(JSON.stringify({ sub: 'alice', exp: EXP }));
  const expired = handmadeJwt(JSON.stringify({ sub: 'alice', exp: EXP - 7200 }));

  it('reads the getter every call and assesses its answer synchronously', () => {
    let token = valid;
    const config = { tokenGetter: () => token, leewaySeconds: 0 };
    expect(currentToken(config)).toEqual({ usable: true, token: valid, exp: EXP });
    token = expired;
    expect(currentToken(config)).toEqual({ usable: false, reason: 'expired' });
  });

  it('applies the leeway', () => {
    const config = { tokenGetter: () => expired, leewaySeconds: 7200 };
    expect(currentToken(config)).toEqual({ usable: true, token: expired, exp: EXP - 7200 });
  });

  it('answers an async getter with a Promise of the verdict, never a rejection', async () => {
    const ok = currentToken({ tokenGetter: () => Promise.resolve(valid), leewaySeconds: 0 });
    expect(ok).toBeInstanceOf(Promise);
    expect(await ok).toEqual({ usable: true, token: valid, exp: EXP });
    const failing = currentToken({
      tokenGetter: () => Promise.reject(new Error('storage locked')),
      leewaySeconds: 0,
    });
    expect(await failing).toEqual({ usable: false, reason: 'missing' });
  });
});

describe('authorizationValue', () => {
  it('is the scheme, one space and the token', () => {
    expect(authorizationValue({ authScheme: 'Bearer' }, 'a.b.c')).toBe('Bearer a.b.c');
    expect(authorizationValue({ authScheme: 'JWT' }, 'a.b.c')).toBe('JWT a.b.c');
  });
});

describe('tokenFingerprint', () => {
  it('is stable for one token, 16 hex digits, and never contains the token', () => {
    const token = handmadeJwt(JSON.stringify({ sub: 'alice', exp: 1 }));
    expect(tokenFingerprint(token)).toBe(tokenFingerprint(token));
    expect(tokenFingerprint(token)).toMatch(/^[0-9a-f]{16}$/);
    expect(token).not.toContain(tokenFingerprint(token));
  });

  it('tells apart tokens that differ in one character, over many tokens', () => {
    const seen = new Set<string>();
    const base = handmadeJwt(JSON.stringify({ sub: 'alice', exp: 2_000_000_000 }));
    for (let i = 0; i < 5_000; i++) {
      seen.add(tokenFingerprint(base.slice(0, -4) + i.toString(36).padStart(4, '0')));
    }
    expect(seen.size).toBe(5_000);
  });
});

describe('tokenInHeader', () => {
  it('reads the token out of "<scheme> <token>", and nothing else', () => {
    const config = { authScheme: 'Bearer' };
    expect(tokenInHeader(config, 'Bearer a.b.c')).toBe('a.b.c');
    expect(tokenInHeader(config, 'Basic YTpi')).toBeNull();
    expect(tokenInHeader(config, 'Bearera.b.c')).toBeNull();
    expect(tokenInHeader(config, null)).toBeNull();
    expect(tokenInHeader({ authScheme: 'Token' }, 'Token x.y.z')).toBe('x.y.z');
  });
});

describe('whenSettled', () => {
  it('applies the function at once to a value, after settling to a Promise', async () => {
    expect(whenSettled(2, (n) => n * 3)).toBe(6);
    const later = whenSettled(Promise.resolve(2), (n) => n * 3);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(6);
  });
});
