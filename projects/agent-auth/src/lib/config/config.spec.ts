import { readStoredToken } from '../token/stored-token';
import { resolveConfig } from './config';

describe('resolveConfig', () => {
  it('fills in the documented defaults', () => {
    expect(resolveConfig()).toEqual({
      tokenGetter: readStoredToken,
      apiPaths: ['/api/agents', '/api/models'],
      allowedOrigins: [],
      headerName: 'Authorization',
      authScheme: 'Bearer',
      tokenQueryParam: 'access-token',
      leewaySeconds: 0,
      loginRoute: '/login',
      forbiddenRoute: '/login',
      onUnauthorized: undefined,
    });
  });

  it('sends a 403 to loginRoute unless forbiddenRoute says otherwise', () => {
    expect(resolveConfig({ loginRoute: '/signin' }).forbiddenRoute).toBe('/signin');
    expect(resolveConfig({ forbiddenRoute: '/denied' }).forbiddenRoute).toBe('/denied');
  });

  it('is frozen, allowedOrigins included (the scope memo relies on it never changing)', () => {
    const config = resolveConfig({ allowedOrigins: ['https://agents.example'] });
    expect(Object.isFrozen(config)).toBeTrue();
    expect(Object.isFrozen(config.allowedOrigins)).toBeTrue();
  });

  describe('apiPaths', () => {
    for (const [written, normalized] of [
      ['/api/agents', '/api/agents'],
      ['/api/agents/', '/api/agents'],
      ['api/agents', '/api/agents'],
      ['/api/agents//', '/api/agents'],
      ['/x/../api/./agents', '/api/agents'],
      ['/llm', '/llm'],
    ]) {
      it(`normalizes "${written}" to "${normalized}"`, () => {
        expect(resolveConfig({ apiPaths: [written] }).apiPaths).toEqual([normalized]);
      });
    }

    for (const bad of [
      '',
      '/',
      '//evil.example/api',
      'https://evil.example/api',
      '/api?x=1',
      '/api#x',
    ]) {
      it(`refuses "${bad}", which is not a path below the root`, () => {
        expect(() => resolveConfig({ apiPaths: ['/api/agents', bad] })).toThrowError(
          TypeError,
          /apiPaths entry/,
        );
      });
    }

    it('keeps several paths in order, each normalized, duplicates dropped, frozen', () => {
      const { apiPaths } = resolveConfig({
        apiPaths: ['/api/agents', 'api/models/', '/llm', '/api/agents/'],
      });
      expect(apiPaths).toEqual(['/api/agents', '/api/models', '/llm']);
      expect(Object.isFrozen(apiPaths)).toBeTrue();
    });

    it('refuses an empty list or something that is not a list', () => {
      expect(() => resolveConfig({ apiPaths: [] })).toThrowError(TypeError, /at least one/);
      expect(() => resolveConfig({ apiPaths: '/api/agents' as unknown as string[] })).toThrowError(
        TypeError,
        /apiPaths/,
      );
    });
  });

  describe('allowedOrigins', () => {
    it('normalizes each entry to the origin the URL parser would report', () => {
      expect(
        resolveConfig({
          allowedOrigins: [
            'HTTPS://Agents.Example:8443/',
            'https://b.example:443',
            'http://c.example:80',
          ],
        }).allowedOrigins,
      ).toEqual(['https://agents.example:8443', 'https://b.example', 'http://c.example']);
    });

    for (const bad of [
      'agents.example',
      '*.agents.example',
      'https://*.agents.example',
      'https://agents.example/api',
      'https://agents.example?x=1',
      'https://agents.example#x',
      'https://user@agents.example',
      'ftp://agents.example',
      'wss://agents.example',
      'null',
      '',
    ]) {
      it(`refuses "${bad}", which is not an exact http(s) origin`, () => {
        expect(() => resolveConfig({ allowedOrigins: [bad] })).toThrowError(
          TypeError,
          /allowedOrigins/,
        );
      });
    }
  });

  describe('leewaySeconds', () => {
    it('takes a finite, non-negative number', () => {
      expect(resolveConfig({ leewaySeconds: 30 }).leewaySeconds).toBe(30);
      expect(resolveConfig({ leewaySeconds: 0 }).leewaySeconds).toBe(0);
    });

    for (const bad of [NaN, -1, Infinity]) {
      it(`refuses ${bad}, which would make expired tokens fresh or mean nothing`, () => {
        expect(() => resolveConfig({ leewaySeconds: bad })).toThrowError(
          TypeError,
          /leewaySeconds/,
        );
      });
    }
  });
});
