import fc from 'fast-check';

import { resolveConfig } from '../config/config';
import type { AgentAuthPage } from './page';
import { type ScopeRule, ScopeMemo, agentTarget } from './scope';

/** The URL the token may go to, or null: what most cases below look at. */
const agentUrl = (url: string, page: Pick<AgentAuthPage, 'baseURI' | 'origin'>, rule: ScopeRule) =>
  agentTarget(url, page, rule)?.url ?? null;

const rule = resolveConfig();

function page(baseURI: string): Pick<AgentAuthPage, 'baseURI' | 'origin'> {
  return { baseURI, origin: new URL(baseURI).origin };
}

const ROOT = page('https://app.example/');
const TEXERA = page('https://app.example/texera/');

describe('agentUrl', () => {
  describe("gives the token to Texera's agent calls", () => {
    for (const url of [
      '/api/agents',
      'api/agents/models',
      '/api/agents/',
      '/api/agents/a1/settings',
      '/api/agents/a1',
      '/api/agents?limit=10',
      '/api/agents#top',
      'https://app.example/api/agents',
      'https://APP.example:443/api/agents/a1/react',
      './api/agents/models',
    ]) {
      it(url, () => {
        expect(agentUrl(url, ROOT, rule)?.href).toBe(new URL(url, ROOT.baseURI).href);
      });
    }

    it('returns the URL the browser will request, dot segments resolved', () => {
      expect(agentUrl('/api/x/../agents/./a1', ROOT, rule)?.pathname).toBe('/api/agents/a1');
    });
  });

  describe("under a non-root <base href>, both of Texera's call styles", () => {
    for (const base of ['https://app.example/texera/', 'https://app.example/texera/index.html']) {
      it(`"/api/agents" and "api/agents/models" with base ${base}`, () => {
        expect(agentUrl('/api/agents', page(base), rule)?.pathname).toBe('/api/agents');
        expect(agentUrl('api/agents/models', page(base), rule)?.pathname).toBe(
          '/texera/api/agents/models',
        );
      });
    }

    it('a dot segment that climbs out of the base lands on the root prefix', () => {
      expect(agentUrl('../api/agents', TEXERA, rule)?.pathname).toBe('/api/agents');
    });

    for (const url of [
      'api/agentsX',
      '/texera/api/agentsX',
      'api/other',
      '/texera/api',
      'agents',
    ]) {
      it(`but not ${url}`, () => {
        expect(agentUrl(url, TEXERA, rule)).toBeNull();
      });
    }
  });

  describe('never gives it to anything else', () => {
    for (const url of [
      '/api/agentsX',
      '/api/agents-admin',
      '/api/other',
      '/API/agents',
      '/api/Agents',
      '/api',
      '/api/',
      '/agents',
      '/api//agents',
      '/api/agents/../admin',
      '/api/agents/%2e%2e/admin',
      '/api/agents/%2E%2E/admin',
      '/api/agents/.%2e/admin',
      '/api/agents/%2e./admin',
      '/api/agents/..',
      '/api/agents%2F',
      '/api/agents%2fadmin',
      '/api%2Fagents',
      '/%61pi/agents',
      '/texera/api/agents',
      '//evil.example/api/agents',
      '///evil.example/api/agents',
      'https://app.example@evil.example/api/agents',
      'https://app@evil.example/api/agents',
      'https://user:pw@app.example/api/agents',
      'https://:pw@app.example/api/agents',
      'https://app.example:8443/api/agents',
      'https://app.example:80/api/agents',
      'http://app.example/api/agents',
      'wss://app.example/api/agents',
      'https://app.example.evil.example/api/agents',
      'https://app.example./api/agents',
      'https://evil.example/app.example/api/agents',
      'https://evil.example/?next=https://app.example/api/agents',
      'http://[::1',
      'https://app.example:99999/api/agents',
    ]) {
      it(url, () => {
        expect(agentUrl(url, ROOT, rule)).toBeNull();
      });
    }

    it('not to an opaque origin, even from a page whose own origin is opaque ("null")', () => {
      const file: Pick<AgentAuthPage, 'baseURI' | 'origin'> = {
        baseURI: 'file:///srv/texera/index.html',
        origin: 'null',
      };
      expect(agentUrl('/api/agents', file, rule)).toBeNull();
      expect(agentUrl('file:///api/agents', file, rule)).toBeNull();
      // Paths of opaque-origin URLs: their origin is "null" too, yet it is not the page's.
      for (const url of ['about:/api/agents', 'data:/api/agents', 'javascript:/api/agents']) {
        expect(new URL(url).origin).withContext(url).toBe('null');
        expect(agentUrl(url, file, rule))
          .withContext(url)
          .toBeNull();
      }
    });

    it('not on a page whose base URL does not parse', () => {
      expect(agentUrl('/api/agents', { baseURI: 'not a url', origin: 'null' }, rule)).toBeNull();
    });
  });

  describe('allowedOrigins adds exact origins only', () => {
    const withAgents = resolveConfig({ allowedOrigins: ['https://agents.example:8443'] });

    it('the listed origin, under the prefix', () => {
      expect(
        agentUrl('https://agents.example:8443/api/agents/a1', ROOT, withAgents),
      ).not.toBeNull();
      expect(agentUrl('https://AGENTS.example:8443/api/agents', ROOT, withAgents)).not.toBeNull();
    });

    for (const url of [
      'https://agents.example/api/agents',
      'https://agents.example:9443/api/agents',
      'http://agents.example:8443/api/agents',
      'https://sub.agents.example:8443/api/agents',
      'https://agents.example.evil.example:8443/api/agents',
      'https://agents.example:8443.evil.example/api/agents',
      'https://agents.example:8443/api/agentsX',
      'https://agents.example:8443/other',
      'https://x@agents.example:8443/api/agents',
    ]) {
      it(`not ${url}`, () => {
        expect(agentUrl(url, ROOT, withAgents)).toBeNull();
      });
    }

    it('compares the normalized origin, so a config written in capitals or with a slash still matches', () => {
      const written = resolveConfig({ allowedOrigins: ['HTTPS://Agents.Example:8443/'] });
      expect(agentUrl('https://agents.example:8443/api/agents', ROOT, written)).not.toBeNull();
      const defaultPort = resolveConfig({ allowedOrigins: ['https://agents.example:443'] });
      expect(agentUrl('https://agents.example/api/agents', ROOT, defaultPort)).not.toBeNull();
    });
  });

  it('uses the configured apiPaths', () => {
    const custom = resolveConfig({ apiPaths: ['/llm/'] });
    expect(agentUrl('/llm', ROOT, custom)).not.toBeNull();
    expect(agentUrl('/llm/chat', ROOT, custom)).not.toBeNull();
    expect(agentUrl('/llmX', ROOT, custom)).toBeNull();
    expect(agentUrl('/api/agents', ROOT, custom)).toBeNull();
  });
});

describe("Texera's model list and the mount point", () => {
  it('gives the token to fetchModelTypes: relative api/models, also under a non-root base', () => {
    expect(agentUrl('api/models', ROOT, rule)?.pathname).toBe('/api/models');
    expect(agentUrl('/api/models', TEXERA, rule)?.pathname).toBe('/api/models');
    expect(agentUrl('api/models', TEXERA, rule)?.pathname).toBe('/texera/api/models');
    for (const url of ['/api/modelsX', '/api/model', 'api/models-admin', '/models']) {
      expect(agentUrl(url, ROOT, rule))
        .withContext(url)
        .toBeNull();
    }
  });

  it('says where the API paths were found: as written, or below the base', () => {
    expect(agentTarget('/api/agents/a1/react', TEXERA, rule)?.mount).toBe('');
    expect(agentTarget('api/agents/a1/react', TEXERA, rule)?.mount).toBe('/texera');
    expect(agentTarget('api/models', ROOT, rule)?.mount).toBe('');
  });

  // nginx decodes %2F before choosing a location: "/api/agents/..%2f..%2fx" is "/x" there.
  for (const url of [
    '/api/agents/..%2f..%2fx',
    '/api/agents/..%2F..%2Fx',
    '/api/agents/a%5cb',
    '/api/agents/a%5Cb',
    '/api/agents%2fx',
    'api/models/%2f',
  ]) {
    it(`refuses an encoded slash or backslash: ${url}`, () => {
      expect(agentUrl(url, ROOT, rule)).toBeNull();
      expect(agentUrl(url, TEXERA, rule)).toBeNull();
    });
  }

  it('keeps a query that contains an encoded slash (only the path is routed)', () => {
    expect(agentUrl('/api/agents?next=%2Fx%5Cy', ROOT, rule)).not.toBeNull();
  });
});

describe('ScopeMemo', () => {
  const urls = ['/api/agents', 'api/agents/models', '/api/other', '//evil.example/api/agents'];

  it('answers exactly what agentUrl answers, on a miss and on a hit', () => {
    const memo = new ScopeMemo(rule, ROOT);
    for (let round = 0; round < 2; round++) {
      for (const url of urls)
        expect(memo.isAgentCall(url)).toBe(agentUrl(url, ROOT, rule) !== null);
    }
  });

  it('stays within its limit, dropping the oldest answer first', () => {
    const doc = { ...ROOT };
    const memo = new ScopeMemo(rule, doc, 16);
    for (let i = 0; i < 100; i++) memo.isAgentCall(`/api/agents/a${i}`);
    expect(memo.size).toBe(16);
    expect(memo.isAgentCall('/api/agents/a0')).toBeTrue();
    expect(memo.size).toBe(16);
  });

  it('forgets its answers when the base URL changes (a new <base href>, or a route change without one)', () => {
    const doc = { baseURI: 'https://app.example/', origin: 'https://app.example' };
    const memo = new ScopeMemo(rule, doc);
    expect(memo.isAgentCall('../api/agents')).toBeTrue();
    doc.baseURI = 'https://app.example/texera/workspace/';
    expect(memo.isAgentCall('../api/agents')).toBeFalse();
    expect(memo.size).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The property. The oracle below never builds a URL object: it decides from the generated parts
// alone, with the spec's rules written out by hand (origin = lower-cased scheme, percent-decoded
// lower-cased host, effective port; path = WHATWG dot-segment handling on the split segments).
// ---------------------------------------------------------------------------------------------

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

interface Origin {
  scheme: string;
  host: string;
  port: number;
}

const sameOrigin = (a: Origin, b: Origin) =>
  a.scheme === b.scheme && a.host === b.host && a.port === b.port;

function writtenOrigin(entry: string): Origin {
  const [, scheme, host, port] = /^(\w+):\/\/([^/:]+)(?::(\d+))?\/?$/.exec(entry)!;
  const s = scheme.toLowerCase();
  return { scheme: s, host: host.toLowerCase(), port: port ? Number(port) : DEFAULT_PORT[s] };
}

const isDoubleDot = (s: string) => ['..', '.%2e', '%2e.', '%2e%2e'].includes(s.toLowerCase());
const isSingleDot = (s: string) => ['.', '%2e'].includes(s.toLowerCase());

/** The WHATWG path state over already split segments, starting from `start`. */
function resolveSegments(start: readonly string[], input: readonly string[]): string[] {
  const out = [...start];
  input.forEach((segment, i) => {
    const last = i === input.length - 1;
    if (isDoubleDot(segment)) {
      out.pop();
      if (last) out.push('');
    } else if (isSingleDot(segment)) {
      if (last) out.push('');
    } else {
      out.push(segment);
    }
  });
  return out;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  path.length >= prefix.length && prefix.every((segment, i) => path[i] === segment);

const SEGMENTS = [
  'api', 'API', 'Api', 'agents', 'AGENTS', 'agentsX', 'agents%2F', 'agents%2f', '%61pi',
  'agent%73', 'llm', 'llmX', 'LLM', '..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2e', '%2E',
  'admin', 'a1', 'settings', 'models', '', 'texera', 'a', 'b', 'api%2Fagents', 'api;agents',
  '..%2f', '%5c', 'a%5Cb', 'modelsX',
]; // prettier-ignore

const arbCase = fc.record({
  pageScheme: fc.constantFrom('http', 'https'),
  pagePort: fc.constantFrom('', '8080'),
  basePath: fc.constantFrom('/', '/texera/', '/texera/index.html', '/a/b/', '/texera'),
  paths: fc.subarray([['api', 'agents'], ['api', 'models'], ['llm']], { minLength: 1 }),
  allowed: fc.subarray([
    'HTTPS://Agents.Example:8443',
    'http://app.example:9000/',
    'https://APP.example:443',
  ]),
  form: fc.constantFrom('absolute', 'scheme-relative', 'path-absolute', 'path-relative'),
  scheme: fc.constantFrom('http', 'https', 'HTTP', 'HtTpS', 'ws', 'wss'),
  userinfo: fc.constantFrom(
    '',
    '',
    '',
    '',
    '',
    '@',
    ':@',
    'user@',
    ':pw@',
    'user:pw@',
    'app.example@',
  ),
  host: fc.constantFrom(
    'app.example',
    'app.example',
    'APP.Example',
    '%61pp.example',
    'agents.example',
    'evil.example',
    'app.example.evil.example',
    'app.example.',
  ),
  port: fc.constantFrom('', '', ':', ':80', ':443', ':8080', ':08080', ':8443', ':9000'),
  // Mostly paths that start like an agent path, so the look-alikes and dot segments after the
  // prefix decide; sometimes anything at all.
  segments: fc
    .tuple(
      fc.constantFrom(
        [],
        ['api', 'agents'],
        ['api', 'agents'],
        ['llm'],
        ['api', 'models'],
        ['texera', 'api', 'agents'],
        ['a', 'b', 'api', 'agents'],
        ['..', 'api', 'agents'],
      ),
      fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 4 }),
    )
    .map(([start, rest]) => [...start, ...rest]),
  suffix: fc.constantFrom(
    '',
    '',
    '?x=1',
    '#frag',
    '?next=/api/agents',
    '#/api/agents',
    '?a=%2e%2e',
  ),
});

type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const pageAuthority = `app.example${c.pagePort ? ':' + c.pagePort : ''}`;
  const pageOrigin = `${c.pageScheme}://${pageAuthority}`;
  // A path-absolute or relative reference must not start with "//": that would name a host.
  const segments =
    c.form === 'path-absolute' || c.form === 'path-relative'
      ? c.segments.filter((s, i) => i > 0 || s !== '')
      : c.segments;
  const path = '/' + segments.join('/');
  const authority = `${c.userinfo}${c.host}${c.port}`;
  const url =
    c.form === 'absolute'
      ? `${c.scheme}://${authority}${path}${c.suffix}`
      : c.form === 'scheme-relative'
        ? `//${authority}${path}${c.suffix}`
        : c.form === 'path-absolute'
          ? `${path}${c.suffix}`
          : `${segments.length ? segments.join('/') : 'api'}${c.suffix}`;
  const relativeSegments = segments.length ? segments : ['api'];
  return { pageOrigin, baseURI: pageOrigin + c.basePath, segments, relativeSegments, url };
}

/** Should this request carry the token? Decided from the parts, never from a parser. */
function oracle(c: Case): { attach: boolean; path: string } {
  const { segments, relativeSegments } = build(c);
  const pageSide: Origin = {
    scheme: c.pageScheme,
    host: 'app.example',
    port: c.pagePort ? Number(c.pagePort) : DEFAULT_PORT[c.pageScheme],
  };
  const hasAuthority = c.form === 'absolute' || c.form === 'scheme-relative';
  const scheme = c.form === 'absolute' ? c.scheme.toLowerCase() : c.pageScheme;
  const digits = c.port.slice(1);
  const target: Origin = hasAuthority
    ? {
        scheme,
        host: decodeURIComponent(c.host).toLowerCase(),
        port: digits === '' ? DEFAULT_PORT[scheme] : Number(digits),
      }
    : pageSide;
  const [user = '', password = ''] = c.userinfo.replace(/@$/, '').split(':');
  const credentials = hasAuthority && (user !== '' || password !== '');

  // The base's directory: its path without the last segment.
  const baseDir = c.basePath.split('/').slice(1, -1);
  const resolved =
    c.form === 'path-relative'
      ? resolveSegments(baseDir, relativeSegments)
      : resolveSegments([], segments);
  const inScope = c.paths.some(
    (p) => startsWith(resolved, p) || startsWith(resolved, [...baseDir, ...p]),
  );
  // An encoded "/" or "\\" anywhere in the path keeps the token back (a decoding proxy would
  // route it elsewhere).
  const encodedSeparator = resolved.some((s) => /%2f|%5c/i.test(s));
  const allowed = [pageSide, ...c.allowed.map(writtenOrigin)].some((o) => sameOrigin(o, target));
  return {
    attach: !credentials && allowed && inScope && !encodedSeparator,
    path: '/' + resolved.join('/'),
  };
}

describe('agentUrl property: the token goes exactly where the rule says', () => {
  it('holds for 10,000 generated scheme/host/port/userinfo/path combinations', () => {
    const outcomes = { attached: 0, refused: 0 };
    fc.assert(
      fc.property(arbCase, (c) => {
        const { pageOrigin, baseURI, url } = build(c);
        const expected = oracle(c);
        const config = resolveConfig({
          apiPaths: c.paths.map((p) => '/' + p.join('/')),
          allowedOrigins: c.allowed,
        });
        const here: Pick<AgentAuthPage, 'baseURI' | 'origin'> = { baseURI, origin: pageOrigin };
        const got = agentUrl(url, here, config);
        const memo = new ScopeMemo(config, { ...here });
        outcomes[expected.attach ? 'attached' : 'refused']++;
        return (
          (got !== null) === expected.attach &&
          (got === null || got.pathname === expected.path) &&
          memo.isAgentCall(url) === expected.attach &&
          memo.isAgentCall(url) === expected.attach
        );
      }),
      { numRuns: 10_000 },
    );
    // Both answers are common, so neither half of "if and only if" is tested vacuously.
    expect(outcomes.attached).toBeGreaterThan(500);
    expect(outcomes.refused).toBeGreaterThan(500);
    expect(outcomes.attached + outcomes.refused).toBe(10_000);
  });
});
