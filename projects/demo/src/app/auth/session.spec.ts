import { msUntilExpiry, summarizeToken } from './session';

function token(claims: object): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

describe('the header session summary', () => {
  const now = 1_800_000_000_000;

  it('switches to expired at exp, without a reload: the timer is due exactly then', () => {
    const summary = summarizeToken(token({ sub: 'alice', exp: now / 1000 + 90 }), now);
    expect(summary?.expired).toBe(false);
    expect(msUntilExpiry(summary, now)).toBe(90_000);
    expect(
      summarizeToken(token({ sub: 'alice', exp: now / 1000 + 90 }), now + 90_000)?.expired,
    ).toBe(true);
  });

  it('needs no timer for no token, a token without exp, or one already expired', () => {
    expect(msUntilExpiry(null, now)).toBeNull();
    expect(msUntilExpiry(summarizeToken(token({ sub: 'alice' }), now), now)).toBeNull();
    expect(msUntilExpiry(summarizeToken(token({ exp: now / 1000 - 1 }), now), now)).toBeNull();
  });

  it("keeps a far expiry within setTimeout's range", () => {
    const summary = summarizeToken(token({ exp: now / 1000 + 10 * 365 * 86_400 }), now);
    expect(msUntilExpiry(summary, now)).toBe(2 ** 31 - 1);
  });
});
