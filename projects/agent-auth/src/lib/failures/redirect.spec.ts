import { appPath } from '../url/app-path';
import { redirectHref, redirectFor } from './redirect';

const routes = {
  loginRoute: '/login',
  forbiddenRoute: '/forbidden',
  tokenQueryParam: 'access-token',
};

describe('redirectFor', () => {
  it('sends a 401 to the login route with the current path as returnUrl', () => {
    expect(redirectFor(401, '/workflow/5?tab=agents', routes)).toEqual({
      route: '/login',
      returnUrl: '/workflow/5?tab=agents',
    });
  });

  it('sends a 403 to the forbidden route, also with returnUrl', () => {
    expect(redirectFor(403, '/workflow/5', routes)).toEqual({
      route: '/forbidden',
      returnUrl: '/workflow/5',
    });
  });

  it('does not move a user already on the login route, whatever its query or trailing slash', () => {
    for (const here of [
      '/login',
      '/login?returnUrl=%2Fx',
      '/login/',
      '/login#f',
      '/login;a=1',
      // Outlet syntax: the Router's primary route is still /login.
      '/login(aux:x)',
      '/(login)',
      '/(login//aux:x)',
    ]) {
      expect(redirectFor(401, here, routes))
        .withContext(here)
        .toBeNull();
      expect(redirectFor(403, here, routes))
        .withContext(here)
        .toBeNull();
    }
  });

  it('moves a user whose primary route is another page, even with login in an aux outlet', () => {
    expect(redirectFor(401, '/dashboard(aux:login)', routes)).toEqual({
      route: '/login',
      returnUrl: '/dashboard(aux:login)',
    });
  });

  it('does not move a user already on the forbidden route', () => {
    expect(redirectFor(401, '/forbidden?returnUrl=%2Fx', routes)).toBeNull();
    expect(redirectFor(403, '/forbidden', routes)).toBeNull();
  });

  it('compares routes written without a leading slash too', () => {
    expect(
      redirectFor(401, '/auth/login', { ...routes, loginRoute: 'auth/login', forbiddenRoute: 'x' }),
    ).toBe(null);
  });

  it('never copies a token query parameter into returnUrl', () => {
    expect(redirectFor(401, '/workspace/7?access-token=eyJ.a.b&tab=x', routes)).toEqual({
      route: '/login',
      returnUrl: '/workspace/7?tab=x',
    });
    expect(
      redirectFor(403, '/w?jwt=eyJ.a.b&access_token=eyJ.a.b', {
        ...routes,
        tokenQueryParam: 'jwt',
      }),
    ).toEqual({ route: '/forbidden', returnUrl: '/w' });
  });

  it('leaves returnUrl out when the current path is not a safe one', () => {
    for (const here of ['//evil.example/x', '/%2F%2Fevil.example', '/\\evil.example', '']) {
      expect(redirectFor(401, here, routes))
        .withContext(here)
        .toEqual({ route: '/login' });
    }
  });
});

describe('appPath', () => {
  it('is the path under <base href>, with query and fragment', () => {
    expect(appPath('https://t.example/texera/dashboard/x?a=1#f', 'https://t.example/texera/')).toBe(
      '/dashboard/x?a=1#f',
    );
  });

  it('takes the directory of a base that names a file', () => {
    expect(appPath('https://t.example/texera/login', 'https://t.example/texera/index.html')).toBe(
      '/login',
    );
  });

  it('is the whole path at a root base', () => {
    expect(appPath('http://127.0.0.1:4200/a/b', 'http://127.0.0.1:4200/')).toBe('/a/b');
  });

  it('is empty for a page outside the base or on another origin, and for an opaque base', () => {
    expect(appPath('https://t.example/other/x', 'https://t.example/texera/')).toBe('');
    expect(appPath('https://evil.example/texera/x', 'https://t.example/texera/')).toBe('');
    expect(appPath('about:blank', 'about:blank')).toBe('');
  });
});

describe('redirectHref', () => {
  it('puts the route under <base href> and encodes returnUrl as one parameter', () => {
    expect(
      redirectHref({ route: '/login', returnUrl: '/w/5?a=1&b=2#f' }, 'https://t.example/texera/'),
    ).toBe('https://t.example/texera/login?returnUrl=%2Fw%2F5%3Fa%3D1%26b%3D2%23f');
  });

  it('keeps a query the route already has and adds nothing without returnUrl', () => {
    expect(redirectHref({ route: '/login?sso=1' }, 'https://t.example/')).toBe(
      'https://t.example/login?sso=1',
    );
    expect(
      redirectHref({ route: 'login', returnUrl: '/x' }, 'https://t.example/app/index.html'),
    ).toBe('https://t.example/app/login?returnUrl=%2Fx');
  });
});
