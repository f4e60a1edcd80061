import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { testToken } from './test-token';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('testToken', () => {
  it("is a three-part JWT with Texera's HS256 header and claims, REGULAR for an hour by default", () => {
    const token = testToken();
    expect(token.split('.').length).toBe(3);
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toEqual({
      sub: 'test-user',
      userId: 1,
      email: 'test-user@texera.example',
      role: 'REGULAR',
      exp: jasmine.any(Number),
    });
    expect(claims.exp! - nowSeconds()).toBeGreaterThanOrEqual(3599);
    expect(claims.exp! - nowSeconds()).toBeLessThanOrEqual(3600);
  });

  it('takes the role, user, lifetime and extra claims it is given', () => {
    const claims = decodeJwt(
      testToken({
        role: 'ADMIN',
        sub: 'bob',
        userId: 42,
        email: 'bøb@texera.example',
        expiresIn: -60,
        googleId: 'g-1',
      }),
    );
    expect(claims).toEqual(
      jasmine.objectContaining({
        sub: 'bob',
        userId: 42,
        email: 'bøb@texera.example',
        role: 'ADMIN',
        googleId: 'g-1',
      }),
    );
    expect(claims.exp! - nowSeconds()).toBeLessThanOrEqual(-59);
  });

  it('has no exp with expiresIn null, and an explicit exp claim wins', () => {
    expect('exp' in decodeJwt(testToken({ expiresIn: null }))).toBeFalse();
    expect(decodeJwt(testToken({ exp: 1234 })).exp).toBe(1234);
  });

  it('the email defaults from the user name', () => {
    expect(decodeJwt(testToken({ sub: 'carol' }))['email']).toBe('carol@texera.example');
  });

  it('follows a mocked clock', () => {
    jasmine.clock().install();
    try {
      jasmine.clock().mockDate(new Date('2030-01-01T00:00:00Z'));
      expect(decodeJwt(testToken({ expiresIn: 10 })).exp).toBe(Date.UTC(2030, 0, 1) / 1000 + 10);
    } finally {
      jasmine.clock().uninstall();
    }
  });

  it('is not signed: an HS256 verifier rejects it whatever the secret', async () => {
    const key = new TextEncoder().encode('a-texera-secret-of-32-characters');
    await expectAsync(jwtVerify(testToken(), key)).toBeRejectedWithError(
      /signature verification failed/,
    );
  });
});
