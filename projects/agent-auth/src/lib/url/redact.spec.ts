import { redactToken } from './redact';

describe('redactToken', () => {
  it('replaces the access-token value in an absolute ws URL and keeps other params', () => {
    const out = redactToken(
      'wss://app.example/api/agents/a1/react?x=1&access-token=SECRET.jwt.value',
    );
    expect(out).toBe('wss://app.example/api/agents/a1/react?x=1&access-token=redacted');
  });

  it('keeps a relative URL relative', () => {
    expect(redactToken('/api/agents?access-token=SECRET')).toBe(
      '/api/agents?access-token=redacted',
    );
  });

  it('leaves a URL without the parameter untouched', () => {
    expect(redactToken('api/agents/models')).toBe('api/agents/models');
  });

  it('drops a URL it cannot parse whole, rather than risk passing a token through', () => {
    expect(redactToken('http://[::1/?access-token=SECRET')).toBe('[unparseable url]');
  });
});
