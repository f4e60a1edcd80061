import fc from 'fast-check';

import { routePath } from './app-path';
import { DefaultUrlSerializer } from '@angular/router';

import { isSafeReturnUrl, withoutTokenParams } from './return-url';

/** Every form a consumer may see: as given, then each successful `decodeURIComponent`. */
function realDecodings(url: string): string[] {
  const forms = [url];
  for (let i = 0; i < 8; i++) {
    let next: string;
    try {
      next = decodeURIComponent(forms[forms.length - 1]);
    } catch {
      break;
    }
    if (next === forms[forms.length - 1]) break;
    forms.push(next);
  }
  return forms;
}

describe('isSafeReturnUrl', () => {
  const accepted: readonly string[] = [
    '/',
    '/dashboard',
    '/dashboard/user/workflow/12?tab=agents#result',
    '/search?q=a%2Fb',
    '/a%20b',
    '/@evil.example',
    '/:8080/x',
    '/%2e%2e/x',
    '/login-help',
    '/loginx',
    '/auth/login',
    '/(aux:login)',
    '/dashboard(aux:login)',
    "/x;k=v/y?a=(1)&b=*!$'",
  ];

  const rejected: ReadonlyArray<readonly [string, unknown]> = [
    ['absolute http(s) URL', 'https://evil.example'],
    ['absolute URL with path', 'http://evil.example/x'],
    ['scheme-relative', '//evil.example'],
    ['scheme-relative, three slashes', '///evil.example'],
    ['scheme-relative to one of the synthetic origins', '//a.invalid/x'],
    ['slash backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['backslash slash', '\\/evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['encoded //', '%2F%2Fevil.example'],
    ['encoded // lower case', '%2f%2fevil.example'],
    ['encoded second slash', '/%2F/evil.example'],
    ['encoded second and third slash', '/%2f%2fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded backslash lower case', '/%5cevil.example'],
    ['encoded tab before a slash', '/%09/evil.example'],
    ['encoded newline before a slash', '/%0A/evil.example'],
    ['double-encoded slash', '/%252F/evil.example'],
    ['triple-encoded slash', '/%25252F/evil.example'],
    ['encoded more times than anyone means to', '/%252525252541'],
    ['only a slash that decodes to //', '/%2F'],
    ['leading tab', '\t//evil.example'],
    ['leading space', ' //evil.example'],
    ['leading newline', '\n//evil.example'],
    ['leading NUL', '\u0000//evil.example'],
    ['leading C0 control', '\u001f//evil.example'],
    ['tab between the slashes (WHATWG drops it)', '/\t/evil.example'],
    ['newline between the slashes', '/\n/evil.example'],
    ['carriage return between the slashes', '/\r/evil.example'],
    ['the login route', '/login'],
    ['the login route with a query', '/login?returnUrl=%2Fx'],
    ['the login route with a fragment', '/login#top'],
    ['the login route with a trailing slash', '/login/'],
    ['the login route with matrix params', '/login;next=1'],
    ['the login route through a dot segment', '/./login'],
    ['the login route through a parent segment', '/x/../login'],
    ['the login route percent-encoded', '/%6Cogin'],
    // Angular's DefaultUrlSerializer reads each of these as the primary route "/login".
    ['the login route in outlet syntax', '/(login)'],
    ['the login route as the named primary outlet', '/(primary:login)'],
    ['the login route beside an auxiliary outlet', '/login(aux:x)'],
    ['the login route inside an outlet group', '/(login//aux:x)'],
    ['the login route in outlet syntax with a query', '/(login)?x'],
    ['the login route in outlet syntax behind a dot segment', '/x/../(login)'],
    ['a path the Router cannot parse', '/a(b'],
    ['empty string', ''],
    ['a base-relative path', 'dashboard'],
    ['a query only', '?x=1'],
    ['a fragment only', '#x'],
    ['parent segments that climb to the root', '../../../../../../x'],
    ['a raw space', '/a b'],
    ['non-ASCII', '/caf\u00e9'],
    ['a malformed escape', '/a%zz'],
    ['a double quote', '/a"b'],
    ['angle brackets', '/<script>'],
    ['overlong', '/' + 'a'.repeat(2048)],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { toString: () => '/x' }],
    ['an array', ['/x']],
    ['a String object', new String('/x')],
  ];

  for (const url of accepted) {
    it(`accepts ${JSON.stringify(url)}`, () => {
      expect(isSafeReturnUrl(url)).toBeTrue();
    });
  }

  for (const [why, url] of rejected) {
    it(`rejects ${why}`, () => {
      expect(isSafeReturnUrl(url)).toBeFalse();
    });
  }

  it('accepts paths up to the length limit', () => {
    expect(isSafeReturnUrl('/' + 'a'.repeat(2047))).toBeTrue();
  });

  it('rejects the configured login route, not a fixed one', () => {
    expect(isSafeReturnUrl('/signin?x=1', '/signin')).toBeFalse();
    expect(isSafeReturnUrl('/login', '/signin')).toBeTrue();
    expect(isSafeReturnUrl('/auth/login/', 'auth/login')).toBeFalse();
  });

  it('is a type guard callers can hand unknown query values to', () => {
    const query: unknown = '/dashboard';
    const next: string = isSafeReturnUrl(query) ? query : '/';
    expect(next).toBe('/dashboard');
  });

  describe('property: nothing it accepts leaves the origin it is resolved against', () => {
    // Fragments that build the known bypasses; plain arbitrary text fills the gaps.
    const dangerous = fc.constantFrom(
      '/',
      '//',
      '\\',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '%25',
      '%252f',
      '%',
      '\t',
      '\n',
      '\r',
      '%09',
      '%0a',
      '%0d',
      ' ',
      '\u0000',
      '\u001f',
      '@',
      ':',
      '.',
      '..',
      '%2e',
      '?',
      '#',
      ';',
      'http',
      'https:',
      'evil.example',
      'login',
    );
    const fragment = fc.oneof(
      { weight: 6, arbitrary: dangerous },
      { weight: 1, arbitrary: fc.mixedCase(fc.constant('javascript:')) },
      { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    );
    // Half the candidates mix in raw whitespace, backslashes and arbitrary text; the other half
    // use only characters the strict check lets through, so the decoding and resolution checks
    // are what must stop the encoded bypasses among them.
    const anything = fc
      .tuple(
        fc.constantFrom('/', '/', '', '//', '\\', ' /', '\t/'),
        fc.array(fragment, { maxLength: 12 }),
      )
      .map(([head, parts]) => head + parts.join(''));
    const plausible = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '/',
            '//',
            '%2f',
            '%2F',
            '%5c',
            '%5C',
            '%09',
            '%0a',
            '%252f',
            '%255c',
            '%25',
            '%2e',
            '.',
            '..',
            '@',
            ':',
            ';',
            '?',
            '#',
            'evil.example',
            'login',
            'a.invalid',
          ),
          fc.mixedCase(fc.constant('javascript:')),
          fc.stringMatching(/^[a-z0-9]{1,5}$/),
        ),
        { maxLength: 10 },
      )
      .map((parts) => '/' + parts.join(''));
    const candidate = fc.oneof(anything, plausible);
    const base = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(
        'http://127.0.0.1:4200/',
        'https://texera.example/texera/',
        'https://texera.example/texera/index.html?x=1#y',
      ),
    );

    it('holds for 10,000 biased inputs against generated bases, decoded or not', () => {
      let acceptedCount = 0;
      fc.assert(
        fc.property(candidate, fc.array(base, { minLength: 1, maxLength: 3 }), (url, bases) => {
          if (!isSafeReturnUrl(url)) return true;
          acceptedCount++;
          return bases.every((b) => {
            const origin = new URL(b).origin;
            return realDecodings(url).every((form) => {
              const resolved = new URL(form, b);
              return resolved.origin === origin && routePath(resolved.pathname) !== '/login';
            });
          });
        }),
        { numRuns: 10000 },
      );
      // Guards against a generator that never produces anything the function accepts.
      expect(acceptedCount).toBeGreaterThan(3000);
    });
  });
});

describe('withoutTokenParams', () => {
  it('drops the token parameter and access_token, keeping the rest in order', () => {
    expect(withoutTokenParams('/workspace/7?a=1&access-token=eyJ.x.y&b=2#f', 'access-token')).toBe(
      '/workspace/7?a=1&b=2#f',
    );
    expect(withoutTokenParams('/w?access_token=eyJ.x.y', 'access-token')).toBe('/w');
    expect(withoutTokenParams('/w?jwt=eyJ&access-token=keep', 'jwt')).toBe('/w?access-token=keep');
    expect(withoutTokenParams('/w?access%2Dtoken=eyJ', 'access-token')).toBe('/w');
  });

  it('returns a URL without those parameters unchanged', () => {
    for (const url of ['/w', '/w?', '/w?a=1&&b', '/w#access-token=x', '/w?access-tokens=1', '']) {
      expect(withoutTokenParams(url, 'access-token')).withContext(url).toBe(url);
    }
  });

  describe('property: no reader finds a token parameter in what it returns', () => {
    const SECRET = 'eyJSECRET';
    const tokenNames = fc.constantFrom(
      'access-token',
      'access_token',
      'access%2Dtoken',
      'access%2dtoken',
      'access%5Ftoken',
      '%61ccess-token',
    );
    const otherNames = fc.constantFrom('tab', 'x', 'access-tokens', 'access', 'token', '', 'a+b');
    const pair = fc.oneof(
      tokenNames.map((name) => ({ token: true, text: `${name}=${SECRET}` })),
      fc
        .tuple(otherNames, fc.stringMatching(/^(?:[a-z0-9=]|%41){0,3}$/), fc.boolean())
        .map(([name, value, bare]) => ({ token: false, text: bare ? name : `${name}=${value}` })),
    );
    const url = fc
      .tuple(
        fc.constantFrom('/', '/workspace/7', '/a;m=1/b'),
        fc.array(pair, { maxLength: 6 }),
        fc.constantFrom('', '#frag', '#access-token=x'),
      )
      .map(([path, pairs, hash]) => ({
        pairs,
        text: path + (pairs.length > 0 ? '?' + pairs.map((p) => p.text).join('&') : '') + hash,
        hash,
      }));
    const serializer = new DefaultUrlSerializer();

    it('holds for 2,000 generated app paths, for URLSearchParams and the Router alike', () => {
      let withToken = 0;
      fc.assert(
        fc.property(url, ({ pairs, text, hash }) => {
          if (pairs.some((p) => p.token)) withToken++;
          const out = withoutTokenParams(text, 'access-token');
          const query = new URL(out, 'http://x.invalid').searchParams;
          const routed = serializer.parse(out).queryParams;
          const kept = pairs.filter((p) => !p.token).map((p) => p.text);
          const outQuery = out.includes('?') ? out.slice(out.indexOf('?') + 1).split('#')[0] : '';
          return (
            !out.includes(SECRET) &&
            !query.has('access-token') &&
            !query.has('access_token') &&
            !('access-token' in routed) &&
            !('access_token' in routed) &&
            out.endsWith(hash) &&
            (pairs.some((p) => p.token) ? outQuery === kept.join('&') : out === text)
          );
        }),
        { numRuns: 2000 },
      );
      // Guards against a generator that rarely puts a token in the URL.
      expect(withToken).toBeGreaterThan(800);
    });
  });
});
