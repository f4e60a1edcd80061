import type { Routes } from '@angular/router';

import { unroutedKeys, unroutedMessage } from './route-check';

class Page {}

// The shape of Texera's app-routing.module: a sign-in page at /about, everything else under
// the dashboard or the workspace, and a catch-all that sends the user to the workflow list.
const TEXERA: Routes = [
  { path: 'about', component: Page },
  { path: 'dashboard', component: Page, children: [{ path: 'user/workflow', component: Page }] },
  { path: 'workspace/:id', component: Page },
  { path: '', pathMatch: 'full', redirectTo: 'dashboard/user/workflow' },
  { path: '**', redirectTo: 'dashboard/user/workflow' },
];

const keys = (routes: Routes, loginRoute: string, forbiddenRoute = loginRoute) =>
  unroutedKeys(routes, { loginRoute, forbiddenRoute }).map(({ key }) => key);

describe('unroutedKeys', () => {
  it("flags the default /login in Texera's routes: only the catch-all would take it", () => {
    expect(unroutedKeys(TEXERA, { loginRoute: '/login', forbiddenRoute: '/login' })).toEqual([
      { key: 'loginRoute', route: '/login' },
    ]);
  });

  it("accepts Texera's sign-in page, however it is written", () => {
    for (const route of ['/about', 'about', '/about/', '/about?x=1', '/(about)']) {
      expect(keys(TEXERA, route)).withContext(route).toEqual([]);
    }
  });

  it('names a forbiddenRoute of its own separately, and a shared one once', () => {
    expect(keys(TEXERA, '/about', '/denied')).toEqual(['forbiddenRoute']);
    expect(keys(TEXERA, '/login', '/denied')).toEqual(['loginRoute', 'forbiddenRoute']);
    expect(keys(TEXERA, '/login', 'login/')).toEqual(['loginRoute']);
  });

  it('counts parameters, child routes, lazy children and custom matchers as able to take it', () => {
    expect(keys(TEXERA, '/workspace/7')).toEqual([]);
    expect(keys(TEXERA, '/dashboard/user/workflow')).toEqual([]);
    expect(keys([{ path: 'auth', loadChildren: () => [] }], '/auth/login')).toEqual([]);
    expect(keys([{ matcher: () => null }], '/anything')).toEqual([]);
  });

  it('does not count a route that cannot take the rest of the path', () => {
    expect(keys([{ path: 'auth', component: Page }], '/auth/login')).toEqual(['loginRoute']);
    expect(keys([{ path: 'auth', pathMatch: 'full', children: [] }], '/auth/login')).toEqual([
      'loginRoute',
    ]);
    expect(keys([{ path: 'auth/login/extra', component: Page }], '/auth/login')).toEqual([
      'loginRoute',
    ]);
    expect(keys([{ path: '**', component: Page }], '/login')).toEqual(['loginRoute']);
  });

  it('flags a route that is no app path at all', () => {
    expect(keys(TEXERA, '//evil.example/about')).toEqual(['loginRoute']);
  });
});

describe('unroutedMessage', () => {
  it('names each key and its route, and says what to set', () => {
    const message = unroutedMessage([
      { key: 'loginRoute', route: '/login' },
      { key: 'forbiddenRoute', route: '/denied' },
    ]);
    expect(message).toContain('loginRoute "/login" and forbiddenRoute "/denied"');
    expect(message).toContain('AgentAuthModule.forRoot()');
    expect(message).toContain("loginRoute: '/about'");
  });
});
