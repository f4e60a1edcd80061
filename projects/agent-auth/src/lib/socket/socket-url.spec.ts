import { probeUrl, socketUrl } from './socket-url';

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
