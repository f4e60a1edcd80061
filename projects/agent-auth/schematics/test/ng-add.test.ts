// The ng-add schematic on workspaces @schematics/angular generates, as `ng new` makes them.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasSyntaxErrors } from '../ng-add/ts-edits';
import { TEXERA_MODULE } from './texera-fixture';
import { APP_CONFIG, APP_MODULE, generateApp, ngAdd, snapshot } from './workspaces';

/** Runs ng-add twice: the second run must change no file and say so. */
async function addTwice(tree: Awaited<ReturnType<typeof generateApp>>, options = {}) {
  const first = await ngAdd(tree, options);
  const before = snapshot(first.tree);
  const second = await ngAdd(first.tree, options);
  assert.deepEqual(snapshot(second.tree), before, 'a second ng add changed files');
  assert.match(second.printed, /UNCHANGED|NOT CHANGED/);
  assert.doesNotMatch(second.printed, /\n {4}\+ /, 'a second run reported an addition');
  return first;
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

test('standalone app: provideHttpClient(withInterceptors([...])) and provideAgentAuth, once', async () => {
  const { tree, printed } = await addTwice(await generateApp(true));
  const config = tree.readText(APP_CONFIG);
  assert.match(
    config,
    /provideRouter\(routes\),\n {4}provideHttpClient\(withInterceptors\(\[agentAuthInterceptor\]\)\),\n {4}provideAgentAuth\(\{ loginRoute: '\/login' \}\)\n {2}\]/,
  );
  assert.match(
    config,
    /import \{ provideHttpClient, withInterceptors \} from '@angular\/common\/http';/,
  );
  assert.match(
    config,
    /import \{ agentAuthInterceptor, provideAgentAuth \} from '@texera\/agent-auth';/,
  );
  assert.equal(hasSyntaxErrors(APP_CONFIG, config), false);
  assert.match(printed, /UPDATED projects\/app\/src\/app\/app\.config\.ts/);
  assert.match(printed, /\+ provideAgentAuth\(\{ loginRoute: '\/login' \}\) in providers/);
  assert.match(printed, /inject\(AgentSocketFactory\)\.open\(path\)/);
  assert.match(printed, /@texera\/agent-auth\/testing/);
  assert.match(printed, /!isAgentAuthOwned\(req\) &&/);
});

test('standalone app with withInterceptors([...]): ours is appended to that array', async () => {
  const app = await generateApp(true);
  app.overwrite(
    APP_CONFIG,
    app
      .readText(APP_CONFIG)
      .replace(
        "import { routes } from './app.routes';",
        "import { routes } from './app.routes';\nimport { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';\nimport { logInterceptor } from './log.interceptor';",
      )
      .replace(
        'provideRouter(routes)',
        'provideRouter(routes),\n    provideHttpClient(withFetch(), withInterceptors([logInterceptor]))',
      ),
  );
  const { tree } = await addTwice(app);
  const config = tree.readText(APP_CONFIG);
  assert.match(
    config,
    /provideHttpClient\(withFetch\(\), withInterceptors\(\[logInterceptor, agentAuthInterceptor\]\)\)/,
  );
  assert.equal(count(config, 'provideHttpClient('), 1);
  assert.match(
    config,
    /import \{ provideHttpClient, withFetch, withInterceptors \} from '@angular\/common\/http';/,
  );
});

test('standalone app with provideHttpClient(withFetch()): withInterceptors is added to it', async () => {
  const app = await generateApp(true);
  app.overwrite(
    APP_CONFIG,
    app
      .readText(APP_CONFIG)
      .replace(
        'provideRouter(routes)',
        'provideRouter(routes),\n    provideHttpClient(withFetch()),',
      ),
  );
  const { tree } = await addTwice(app);
  const config = tree.readText(APP_CONFIG);
  assert.match(
    config,
    /provideHttpClient\(withFetch\(\), withInterceptors\(\[agentAuthInterceptor\]\)\),\n {4}provideAgentAuth/,
  );
  assert.equal(count(config, 'provideHttpClient('), 1);
});

test('standalone app with withInterceptorsFromDi(): ours goes before it, so it runs outermost', async () => {
  const app = await generateApp(true);
  app.overwrite(
    APP_CONFIG,
    app
      .readText(APP_CONFIG)
      .replace(
        "import { routes } from './app.routes';",
        "import { routes } from './app.routes';\nimport { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';",
      )
      .replace(
        'provideRouter(routes)',
        'provideRouter(routes),\n    provideHttpClient(withInterceptorsFromDi())',
      ),
  );
  const { tree, printed } = await addTwice(app);
  const config = tree.readText(APP_CONFIG);
  assert.match(
    config,
    /provideHttpClient\(withInterceptors\(\[agentAuthInterceptor\]\), withInterceptorsFromDi\(\)\)/,
  );
  assert.match(config, /provideAgentAuth\(\{ loginRoute: '\/login' \}\)/);
  assert.match(printed, /before withInterceptorsFromDi\(\)/);
});

test('NgModule app (--standalone=false): AgentAuthModule.forRoot in imports, HttpClient with DI interceptors', async () => {
  const { tree, printed } = await addTwice(await generateApp(false));
  const module = tree.readText(APP_MODULE);
  assert.match(
    module,
    /AppRoutingModule,\n {4}AgentAuthModule\.forRoot\(\{ loginRoute: '\/login' \}\)\n {2}\]/,
  );
  assert.match(module, /provideHttpClient\(withInterceptorsFromDi\(\)\),\n {2}\]/);
  assert.match(module, /import \{ AgentAuthModule \} from '@texera\/agent-auth';/);
  assert.match(
    module,
    /import \{ provideHttpClient, withInterceptorsFromDi \} from '@angular\/common\/http';/,
  );
  assert.equal(hasSyntaxErrors(APP_MODULE, module), false);
  assert.match(printed, /UPDATED projects\/app\/src\/app\/app-module\.ts/);
});

test('Texera-shaped AppModule: forRoot goes right before JwtModule.forRoot, the rest stays', async () => {
  const app = await generateApp(false);
  app.overwrite(APP_MODULE, TEXERA_MODULE);
  const { tree, printed } = await addTwice(app, { loginRoute: '/about' });
  const module = tree.readText(APP_MODULE);
  assert.match(
    module,
    /HttpClientModule,\n {4}AgentAuthModule\.forRoot\(\{ loginRoute: '\/about' \}\),\n {4}JwtModule\.forRoot\(\{/,
  );
  assert.equal(
    count(module, 'provideHttpClient'),
    0,
    'HttpClientModule already runs DI interceptors',
  );
  assert.equal(
    module
      .replace("AgentAuthModule.forRoot({ loginRoute: '/about' }),\n    ", '')
      .replace("import { AgentAuthModule } from '@texera/agent-auth';\n", ''),
    TEXERA_MODULE,
    'only the import and the forRoot line were added',
  );
  assert.match(printed, /before JwtModule\.forRoot\(\.\.\.\)/);
  assert.match(printed, /= HttpClientModule in imports/);
  assert.match(printed, /loginRoute '\/about': from --login-route/);
});

test('a file that does not parse is left alone, and the lines to add are printed', async () => {
  const app = await generateApp(true);
  const broken = app.readText(APP_CONFIG).replace('provideRouter(routes)', 'provideRouter(routes');
  app.overwrite(APP_CONFIG, broken);
  const { tree, printed } = await ngAdd(app);
  assert.equal(tree.readText(APP_CONFIG), broken);
  assert.match(
    printed,
    /NOT CHANGED projects\/app\/src\/app\/app\.config\.ts: it does not parse as TypeScript/,
  );
  assert.match(printed, /provideHttpClient\(withInterceptors\(\[agentAuthInterceptor\]\)\),/);
  assert.match(printed, /provideAgentAuth\(\{ loginRoute: '\/login' \}\),/);
});

test('shapes it does not understand are left alone, with the lines to add', async () => {
  const shapes: [string, string, RegExp][] = [
    ['providers: [', 'providers: [...extra, ', /./], // control: understood
    [
      'providers: [',
      'providers: shared.concat([',
      /its app config has no `providers: \[\.\.\.\]` array/,
    ],
    [
      'provideRouter(routes)',
      'provideRouter(routes), provideHttpClient(withInterceptors(interceptors))',
      /withInterceptors\(\.\.\.\) is not given an array literal/,
    ],
    [
      'provideRouter(routes)',
      'provideRouter(routes), provideHttpClient(...features)',
      /provideHttpClient\(\.\.\.\) has arguments that are not feature calls/,
    ],
    [
      'provideRouter(routes)',
      'provideRouter(routes), provideHttpClient(), provideHttpClient()',
      /provideHttpClient\(\.\.\.\) is called twice/,
    ],
  ];
  for (const [from, to, reason] of shapes) {
    const app = await generateApp(true);
    let text = app.readText(APP_CONFIG).replace(from, to);
    if (to.includes('concat(')) text = text.replace(/\n {2}\]\n\};/, '\n  ])\n};');
    app.overwrite(APP_CONFIG, text);
    assert.equal(hasSyntaxErrors(APP_CONFIG, text), false, to);
    const { tree, printed } = await ngAdd(app);
    if (to.startsWith('providers: [...extra')) {
      assert.match(printed, /UPDATED/, to);
      continue;
    }
    assert.equal(tree.readText(APP_CONFIG), text, to);
    assert.match(printed, reason, to);
    assert.match(printed, /NOT CHANGED/, to);
  }
});

test('an AppModule without an imports array is left alone', async () => {
  const app = await generateApp(false);
  const text = app.readText(APP_MODULE).replace(/imports: \[[^\]]*\],/, '');
  app.overwrite(APP_MODULE, text);
  const { tree, printed } = await ngAdd(app);
  assert.equal(tree.readText(APP_MODULE), text);
  assert.match(printed, /NOT CHANGED .*its @NgModule has no imports: \[\.\.\.\] array/);
  assert.match(printed, /AgentAuthModule\.forRoot\(\{ loginRoute: '\/login' \}\),/);
});

test('loginRoute: taken from a route named like a sign-in page, nested ones joined', async () => {
  const app = await generateApp(true);
  const routes = '/projects/app/src/app/app.routes.ts';
  app.overwrite(
    routes,
    `import { Routes } from '@angular/router';\nexport const routes: Routes = [\n  { path: 'about', children: [] },\n  { path: 'account', children: [{ path: 'sign-in', children: [] }] },\n  { path: '**', redirectTo: '' },\n];\n`,
  );
  const { tree, printed } = await ngAdd(app);
  assert.match(
    tree.readText(APP_CONFIG),
    /provideAgentAuth\(\{ loginRoute: '\/account\/sign-in' \}\)/,
  );
  assert.match(
    printed,
    /loginRoute '\/account\/sign-in': the sign-in route found in projects\/app\/src\/app\/app\.routes\.ts/,
  );
});

test('--api-paths is written as apiPaths; a path that is not a plain app path is refused', async () => {
  const { tree } = await ngAdd(await generateApp(true), {
    loginRoute: '/about',
    apiPaths: '/api/agents, /api/models,/api/extra',
  });
  assert.match(
    tree.readText(APP_CONFIG),
    /provideAgentAuth\(\{ loginRoute: '\/about', apiPaths: \['\/api\/agents', '\/api\/models', '\/api\/extra'\] \}\)/,
  );
  for (const [option, value] of [
    ['loginRoute', "/x' }), alert(1), ({ a: '"],
    ['loginRoute', '//evil.example'],
    ['apiPaths', '/api/agents,api/models'],
  ]) {
    const app = await generateApp(true);
    const before = app.readText(APP_CONFIG);
    await assert.rejects(ngAdd(app, { [option]: value }), /is not an app path/, value);
    assert.equal(app.readText(APP_CONFIG), before);
  }
});

test('--project must name an application of the workspace', async () => {
  await assert.rejects(
    ngAdd(await generateApp(true), { project: 'nope' }),
    /--project: "nope" is not an application of this workspace \(app\)/,
  );
});

test('a main.ts it cannot follow is left alone, with the lines for both app shapes', async () => {
  const main = '/projects/app/src/main.ts';
  const cases: [string, RegExp][] = [
    [
      "console.log('no bootstrap here');\n",
      /it calls neither bootstrapApplication nor bootstrapModule/,
    ],
    [
      "import { bootstrapApplication } from '@angular/platform-browser';\nimport { App } from './app/app';\nimport { makeConfig } from './app/make-config';\n\nbootstrapApplication(App, makeConfig());\n",
      /bootstrapApplication is not given an app config it can follow/,
    ],
  ];
  for (const [text, reason] of cases) {
    const app = await generateApp(true);
    app.overwrite(main, text);
    const before = snapshot(app);
    const { tree, printed } = await ngAdd(app);
    assert.deepEqual(snapshot(tree), before);
    assert.match(printed, new RegExp(`NOT CHANGED projects/app/src/main\\.ts: ${reason.source}`));
    assert.match(printed, /provideAgentAuth\(\{ loginRoute: '\/login' \}\),/);
    if (reason.source.includes('neither')) assert.match(printed, /AgentAuthModule\.forRoot\(/);
  }
});
