// Renders deploy/k8s/agent-service-security-policy.yaml with Texera's values, checks every document
// against the Envoy Gateway v1.9.0 CRDs (schema + the CEL rules that matter) and checks that the
// policy protects the agent route the way the design says.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { IDENTITY_HEADERS } from '../../../projects/agent-service-auth/src/identity-headers.js';
import { createChecker, fixture, render as renderTemplate, VALUES, type Doc } from './chart';
import type { ManifestValidator } from './crd-schemas';

const ROUTE = fixture('texera-agent-service-route.yaml');
const render = (values?: Record<string, unknown>) =>
  renderTemplate('agent-service-security-policy.yaml', values);

let validator: ManifestValidator;
let problems: (doc: Doc) => string[];

before(() => {
  ({ validator, problems } = createChecker());
});

describe('agent-service-security-policy.yaml rendered with Texera values', () => {
  it('renders a SecurityPolicy and a ClientTrafficPolicy, both valid against the CRDs', () => {
    const docs = render();
    assert.deepEqual(
      docs.map((d) => d['kind']),
      ['SecurityPolicy', 'ClientTrafficPolicy'],
    );
    for (const doc of docs) assert.deepEqual(problems(doc), [], `${doc['kind']} is valid`);
  });

  it('the route it targets is valid too', () => {
    assert.deepEqual(problems(ROUTE), []);
    assert.equal(ROUTE['spec'].rules[0].matches[0].path.value, '/api/agents');
  });

  it('targets exactly the agent route, with targetRefs only', () => {
    const [policy] = render();
    assert.equal(policy['metadata'].name, 'texera-agent-ext-auth');
    assert.equal(policy['metadata'].namespace, ROUTE['metadata'].namespace);
    assert.equal(policy['spec'].targetRef, undefined);
    assert.deepEqual(policy['spec'].targetRefs, [
      { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: ROUTE['metadata'].name },
    ]);
  });

  it('asks the access-control-service at /api/auth, fails closed, forwards the three identity headers', () => {
    const [policy] = render();
    const extAuth = policy['spec'].extAuth;
    assert.equal(extAuth.failOpen, false);
    assert.equal(extAuth.grpc, undefined);
    assert.equal(extAuth.http.path, '/api/auth');
    assert.equal(extAuth.http.pathOverride, undefined);
    assert.deepEqual(extAuth.http.backendRefs, [
      { name: 'access-control-service-svc', port: 9096 },
    ]);
    assert.deepEqual(extAuth.http.headersToBackend, IDENTITY_HEADERS);
  });

  it('strips client-sent identity headers early, on the gateway the agent route is attached to', () => {
    const [, strip] = render();
    assert.deepEqual(strip['spec'].targetRefs, [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: ROUTE['spec'].parentRefs[0].name,
      },
    ]);
    assert.deepEqual(strip['spec'].headers.earlyRequestHeaders.remove, IDENTITY_HEADERS);
  });

  it('renders the release name and the access-control values it is given', () => {
    const values = structuredClone(VALUES);
    values.accessControlService = { name: 'acs', service: { port: 8443 } };
    const [policy, strip] = render(values);
    assert.deepEqual(policy['spec'].extAuth.http.backendRefs, [{ name: 'acs-svc', port: 8443 }]);
    assert.equal(strip['spec'].targetRefs[0].name, 'texera-gateway');
    assert.deepEqual(problems(policy), []);
  });

  it('renders nothing when the agent-service is disabled', () => {
    assert.deepEqual(render({ ...VALUES, agentService: { enabled: false } }), []);
  });
});

describe('the check can fail: broken documents are rejected', () => {
  const policy = () => render()[0];
  const strip = () => render()[1];

  it('an unknown field', () => {
    const doc = policy();
    doc['spec'].extAuth.http.pathPrefix = '/api/auth';
    assert.match(
      problems(doc).join('\n'),
      /\/spec\/extAuth\/http must NOT have additional properties: pathPrefix/,
    );
  });

  it('both targetRef and targetRefs', () => {
    const doc = policy();
    doc['spec'].targetRef = doc['spec'].targetRefs[0];
    assert.deepEqual(problems(doc), ['/spec: either targetRef or targetRefs must be used']);
  });

  it('neither targetRef nor targetRefs', () => {
    const doc = policy();
    delete doc['spec'].targetRefs;
    assert.deepEqual(problems(doc), ['/spec: either targetRef or targetRefs must be used']);
  });

  it('both path and pathOverride', () => {
    const doc = policy();
    doc['spec'].extAuth.http.pathOverride = '/api/auth';
    assert.deepEqual(problems(doc), [
      '/spec/extAuth/http: only one of path or pathOverride can be specified',
    ]);
  });

  it('a Service backend without a port, and a port of the wrong type', () => {
    const doc = policy();
    delete doc['spec'].extAuth.http.backendRefs[0].port;
    assert.deepEqual(problems(doc), [
      '/spec/extAuth/http/backendRefs/[]: Must have port for Service reference',
    ]);
    doc['spec'].extAuth.http.backendRefs[0].port = '9096';
    assert.match(
      problems(doc).join('\n'),
      /\/spec\/extAuth\/http\/backendRefs\/0\/port must be integer/,
    );
  });

  it('a ClientTrafficPolicy aimed at a route instead of a gateway', () => {
    const doc = strip();
    doc['spec'].targetRefs[0].kind = 'HTTPRoute';
    assert.deepEqual(problems(doc), [
      '/spec: this policy can only have a targetRefs[*].kind of Gateway or ListenerSet',
    ]);
  });

  it('a header listed twice in a set-typed list', () => {
    const doc = strip();
    doc['spec'].headers.earlyRequestHeaders.remove.push('x-user-id');
    assert.match(problems(doc).join('\n'), /remove must NOT have duplicate items/);
  });

  it('an object name that is not a DNS-1123 subdomain, and an unknown kind', () => {
    const doc = policy();
    doc['metadata'].name = 'Texera_agent';
    assert.match(problems(doc).join('\n'), /\/metadata\/name must be a DNS-1123 subdomain/);
    assert.deepEqual(validator.validate({ ...policy(), kind: 'SecurityPolicies' }).errors, [
      'no CRD for gateway.envoyproxy.io/v1alpha1:SecurityPolicies',
    ]);
  });
});
