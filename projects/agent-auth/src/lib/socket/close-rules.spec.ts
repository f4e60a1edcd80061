import {
  MAX_TIMER_MS,
  closeVerdict,
  isSignOut,
  msUntilExpiry,
  probeUrl,
  socketUrl,
} from './close-rules';

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

describe('probeUrl', () => {
  it('is the first API path on the socket origin when the socket was found as written', () => {
    const target = { url: new URL('https://h:8443/api/agents/a1/react?x=1'), mount: '' };
    expect(probeUrl(target, '/api/agents')).toBe('https://h:8443/api/agents');
  });

  it('keeps a non-root base in front when the socket was found below it', () => {
    const target = { url: new URL('https://h/texera/api/agents/a1/react'), mount: '/texera' };
    expect(probeUrl(target, '/api/agents')).toBe('https://h/texera/api/agents');
  });

  it('uses the first API path even for a socket under another one', () => {
    const target = { url: new URL('https://h/llm/chat'), mount: '' };
    expect(probeUrl(target, '/api/agents')).toBe('https://h/api/agents');
  });
});

describe('msUntilExpiry', () => {
  it('counts to exp plus the leeway, never below zero', () => {
    expect(msUntilExpiry(100, 0, 40_000)).toBe(60_000);
    expect(msUntilExpiry(100, 30, 40_000)).toBe(90_000);
    expect(msUntilExpiry(100, 0, 100_000)).toBe(0);
    expect(msUntilExpiry(100, 0, 500_000)).toBe(0);
  });

  it('can exceed what one setTimeout can wait (the factory waits in hops)', () => {
    expect(msUntilExpiry(4_102_444_800, 0, 0)).toBeGreaterThan(MAX_TIMER_MS);
  });
});

describe('isSignOut', () => {
  it('is the token removed, or the whole storage cleared', () => {
    expect(isSignOut({ key: 'access_token', newValue: null }, 'access_token')).toBeTrue();
    expect(isSignOut({ key: null, newValue: null }, 'access_token')).toBeTrue();
  });

  it('is not a replaced token, nor another key', () => {
    expect(isSignOut({ key: 'access_token', newValue: 'a.b.c' }, 'access_token')).toBeFalse();
    expect(isSignOut({ key: 'access_token', newValue: '' }, 'access_token')).toBeFalse();
    expect(isSignOut({ key: 'theme', newValue: null }, 'access_token')).toBeFalse();
  });
});
