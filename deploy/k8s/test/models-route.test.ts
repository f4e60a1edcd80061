// Renders deploy/k8s/models-route.yaml with Texera's values, checks it against the Gateway API
// CRD, and checks that it routes /api/models as Texera's own static route does: to the
// access-control-service, with no ext-auth in front (the service checks the token itself).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { isUnderPath } from '../../../projects/agent-service-auth/src/paths.js';
import { createChecker, fixture, render, VALUES, type Doc } from './chart';

const TEXERA_STATIC = fixture('texera-static-routes.yaml');
const TEXERA_AGENT = fixture('texera-agent-service-route.yaml');
const ACCESS_CONTROL = 'access-control-service-svc:9096';

const models = (values?: Record<string, unknown>) => render('models-route.yaml', values);

/**
 * The backend Envoy Gateway picks for `path` among the routes' PathPrefix rules: the longest
 * matching prefix, matched element by element as the Gateway API defines PathPrefix (so
 * /api/models covers /api/models/x but not /api/modelsX).
 */
function backendFor(path: string, routes: Doc[]): string {
  let best: { length: number; backend: string } | undefined;
  for (const rule of routes.flatMap((route) => route['spec'].rules as Doc[])) {
    for (const { path: match } of rule['matches'] as Doc[]) {
      const prefix = String(match.value);
      const matches = prefix === '/' || isUnderPath(path, prefix.replace(/\/$/, ''));
      if (match.type === 'PathPrefix' && matches && prefix.length > (best?.length ?? -1)) {
        const [ref] = rule['backendRefs'];
        best = { length: prefix.length, backend: `${ref.name}:${ref.port}` };
      }
    }
  }
  return best?.backend ?? 'none';
}

let problems: (doc: Doc) => string[];

before(() => {
  ({ problems } = createChecker());
});

describe('models-route.yaml rendered with Texera values', () => {
  it('renders one HTTPRoute, valid against the Gateway API CRD, as Texera’s own routes are', () => {
    const docs = models();
    assert.deepEqual(
      docs.map((d) => [d['kind'], d['metadata'].name]),
      [['HTTPRoute', 'texera-models-route']],
    );
    for (const doc of [...docs, TEXERA_STATIC]) assert.deepEqual(problems(doc), []);
  });

  it('is the /api/models rule of Texera’s static routes: same match, same backend', () => {
    const [route] = models();
    const [rule] = route['spec'].rules;
    const texera = (TEXERA_STATIC['spec'].rules as Doc[]).find((r) =>
      (r['matches'] as Doc[]).some((m) => m['path'].value === '/api/models'),
    );
    assert.ok(texera, 'Texera routes /api/models');
    assert.deepEqual(rule.matches, [{ path: { type: 'PathPrefix', value: '/api/models' } }]);
    assert.deepEqual(rule.backendRefs, texera['backendRefs']);
    assert.deepEqual(route['spec'].parentRefs, TEXERA_STATIC['spec'].parentRefs);
  });

  it('sends /api/models and below to the access-control-service, and nothing else', () => {
    const routes = [TEXERA_STATIC, TEXERA_AGENT, ...models()];
    const expected: [string, string][] = [
      ['/api/models', ACCESS_CONTROL],
      ['/api/models/', ACCESS_CONTROL],
      ['/api/models/gpt-4o-mini', ACCESS_CONTROL],
      ['/api/modelsX', 'webserver-svc:8080'],
      ['/api/model/1', 'file-service-svc:9092'],
      ['/api/agents/models', 'agent-service-svc:3001'],
    ];
    for (const [path, backend] of expected) {
      assert.equal(backendFor(path, routes), backend, path);
      assert.equal(backendFor(path, [TEXERA_STATIC, TEXERA_AGENT]), backend, `${path}, Texera's`);
    }
    assert.equal(backendFor('/api/models', [TEXERA_AGENT, ...models()]), ACCESS_CONTROL);
  });

  it('has no ext-auth in front (the service checks the token), yet the identity strip covers it', () => {
    const [route] = models();
    const [policy, strip] = render('agent-service-security-policy.yaml');
    const targets = (policy['spec'].targetRefs as Doc[]).map((ref) => ref['name']);
    assert.deepEqual(targets, [TEXERA_AGENT['metadata'].name]);
    assert.ok(!targets.includes(route['metadata'].name));
    assert.ok(!targets.includes(TEXERA_STATIC['metadata'].name));
    assert.deepEqual(
      (strip['spec'].targetRefs as Doc[]).map((ref) => [ref['kind'], ref['name']]),
      [['Gateway', route['spec'].parentRefs[0].name]],
    );
  });

  it('renders the access-control values it is given', () => {
    const values = structuredClone(VALUES);
    values['accessControlService'] = { name: 'acs', service: { port: 8443 } };
    const [route] = models(values);
    assert.deepEqual(route['spec'].rules[0].backendRefs, [{ name: 'acs-svc', port: 8443 }]);
    assert.deepEqual(problems(route), []);
  });

  it('renders nothing when the agent-service is disabled', () => {
    assert.deepEqual(models({ ...VALUES, agentService: { enabled: false } }), []);
  });

  it('the check can fail: an unknown field in a rule is rejected', () => {
    const [route] = models();
    route['spec'].rules[0].pathPrefix = '/api/models';
    assert.match(problems(route).join('\n'), /must NOT have additional properties: pathPrefix/);
  });
});
