import { apiRoot, closeVerdict, socketUrl } from './socket-rules';

describe('closeVerdict', () => {
  const cases: [number, boolean, boolean, string][] = [
    [4401, true, false, 'rejected'],
    [1008, true, false, 'rejected'],
    [4403, true, false, 'forbidden'],
    [4401, false, false, 'rejected'],
    [1000, true, false, 'none'],
    [1001, true, false, 'none'],
    [1006, true, false, 'none'],
    [1006, false, false, 'probe'],
    [1006, false, true, 'none'],
  ];
  for (const [code, opened, closedByApp, verdict] of cases) {
    it(`code ${code}, opened=${opened}, closedByApp=${closedByApp} -> ${verdict}`, () => {
      expect(closeVerdict(code, opened, closedByApp)).toBe(verdict);
    });
  }
});

describe('socketUrl', () => {
  it('turns http into ws and https into wss', () => {
    expect(socketUrl(new URL('http://h:81/api/agents/a'), 'access-token', 't')).toBe(
      'ws://h:81/api/agents/a?access-token=t',
    );
    expect(socketUrl(new URL('https://h/api/agents/a'), 'access-token', 't')).toBe(
      'wss://h/api/agents/a?access-token=t',
    );
  });

  it('drops the fragment, which the WebSocket constructor would reject', () => {
    expect(socketUrl(new URL('https://h/api/agents/a?x=1#frag'), 'access-token', 't')).toBe(
      'wss://h/api/agents/a?x=1&access-token=t',
    );
  });

  it('with no token removes every copy of the parameter and keeps the rest', () => {
    const url = socketUrl(
      new URL('https://h/api/agents/a?access-token=old&x=1&access-token=older'),
      'access-token',
      null,
    );
    expect(url).toBe('wss://h/api/agents/a?x=1');
  });

  it('form-encodes a token with "+", "/", "=", "&", "%" and space so it decodes back whole', () => {
    const token = 'a+b/c=d==&e%20f g';
    const url = socketUrl(new URL('https://h/api/agents/a'), 'access-token', token);
    expect(url).toBe('wss://h/api/agents/a?access-token=a%2Bb%2Fc%3Dd%3D%3D%26e%2520f+g');
    expect(new URL(url).searchParams.getAll('access-token')).toEqual([token]);
  });

  it('replaces an existing token parameter in place of adding a second', () => {
    const url = socketUrl(
      new URL('https://h/api/agents/a?access-token=old&x=1'),
      'access-token',
      't',
    );
    expect(new URL(url).searchParams.getAll('access-token')).toEqual(['t']);
    expect(new URL(url).searchParams.get('x')).toBe('1');
  });

  it('uses the configured parameter name', () => {
    const url = new URL(socketUrl(new URL('https://h/api/agents/a'), 'jwt', 'abc'));
    expect(url.searchParams.get('jwt')).toBe('abc');
    expect(url.searchParams.has('access-token')).toBeFalse();
  });
});

describe('apiRoot', () => {
  it('is the prefix itself for a socket under it', () => {
    expect(apiRoot(new URL('https://h/api/agents/a1/react'), '/api/agents')).toBe(
      'https://h/api/agents',
    );
  });

  it('keeps a non-root base in front of the prefix', () => {
    expect(apiRoot(new URL('https://h/texera/api/agents/a1/react'), '/api/agents')).toBe(
      'https://h/texera/api/agents',
    );
  });

  it('handles a socket on the prefix path exactly and keeps the origin', () => {
    expect(apiRoot(new URL('http://h:8443/api/agents?x=1'), '/api/agents')).toBe(
      'http://h:8443/api/agents',
    );
  });
});
