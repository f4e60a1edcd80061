// deploy/k8s/agent-service-env.yaml rendered with Texera's values: the agent-service container gets
// AUTH_JWT_SECRET from the shared Secret, under the name @texera/agent-service-auth reads. The
// Kubernetes core schemas are not among ../shared/crds, so the Deployment's shape is checked here,
// for the fields the example uses, and the check is shown to catch broken documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJwtSecret } from '../../../projects/agent-service-auth/src/index.js';
import { render as renderTemplate, VALUES, type Doc } from './chart';

const render = (values?: Record<string, unknown>) =>
  renderTemplate('agent-service-env.yaml', values);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const isObject = (value: unknown): value is Doc =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** What is wrong with a Deployment, for the fields apps/v1 requires and those the example uses. */
function deploymentProblems(doc: Doc): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  check(doc['apiVersion'] === 'apps/v1', 'apiVersion is apps/v1');
  check(doc['kind'] === 'Deployment', 'kind is Deployment');
  check(DNS_LABEL.test(doc['metadata']?.name ?? ''), 'metadata.name is a DNS label');
  const spec = doc['spec'];
  const selector = spec?.selector?.matchLabels;
  const labels = spec?.template?.metadata?.labels;
  check(isObject(selector) && Object.keys(selector).length > 0, 'spec.selector.matchLabels');
  if (isObject(selector))
    for (const [key, value] of Object.entries(selector))
      check(isObject(labels) && labels[key] === value, `template labels match selector ${key}`);
  const containers = spec?.template?.spec?.containers;
  check(Array.isArray(containers) && containers.length > 0, 'at least one container');
  for (const container of Array.isArray(containers) ? containers : []) {
    check(DNS_LABEL.test(container?.name ?? ''), 'container name is a DNS label');
    check(typeof container?.image === 'string' && container.image !== '', 'container image');
    const env = container?.env ?? [];
    check(Array.isArray(env), 'env is a list');
    const names = new Set<string>();
    for (const entry of Array.isArray(env) ? env : []) {
      const name = entry?.name;
      check(typeof name === 'string' && ENV_NAME.test(name), `env name ${name}`);
      check(!names.has(name), `env ${name} once`);
      names.add(name);
      check('value' in entry !== 'valueFrom' in entry, `env ${name}: value xor valueFrom`);
      if ('valueFrom' in entry) {
        const ref = entry.valueFrom?.secretKeyRef;
        check(
          isObject(ref) && typeof ref['name'] === 'string' && typeof ref['key'] === 'string',
          `env ${name}: secretKeyRef with name and key`,
        );
      }
    }
  }
  return problems;
}

const container = (doc: Doc) => doc['spec'].template.spec.containers[0] as Doc;

describe('agent-service-env.yaml rendered with Texera values', () => {
  it('renders one Deployment of the right shape', () => {
    const docs = render();
    assert.deepEqual(
      docs.map((d) => [d['kind'], d['metadata'].name]),
      [['Deployment', 'texera-agent-service']],
    );
    assert.deepEqual(deploymentProblems(docs[0]), []);
  });

  it('gives the agent-service container AUTH_JWT_SECRET from the shared Secret, never a literal', () => {
    const [deployment] = render();
    assert.equal(container(deployment)['name'], 'agent-service');
    assert.deepEqual(container(deployment)['env'], [
      {
        name: 'AUTH_JWT_SECRET',
        valueFrom: { secretKeyRef: { name: 'texera-auth-jwt', key: 'auth-jwt-secret' } },
      },
    ]);
  });

  it('names the variable @texera/agent-service-auth reads', async () => {
    const [{ name }] = container(render()[0])['env'] as { name: string }[];
    const secret = 'Shared-Secret-From-K8s-0123456789abcdef';
    assert.equal(await loadJwtSecret({ env: { [name]: secret } }), secret);
  });

  it('renders nothing when the agent-service is disabled', () => {
    assert.deepEqual(render({ ...VALUES, agentService: { enabled: false } }), []);
  });

  it('the shape check catches what would break the Deployment', () => {
    const broken = (edit: (doc: Doc) => void) => {
      const doc = structuredClone(render()[0]);
      edit(doc);
      return deploymentProblems(doc);
    };
    assert.ok(broken((d) => (container(d)['env'][0].value = 'literal')).length > 0);
    assert.ok(broken((d) => delete container(d)['env'][0].valueFrom.secretKeyRef.key).length > 0);
    assert.ok(broken((d) => (d['spec'].template.metadata.labels.app = 'other')).length > 0);
    assert.ok(
      broken((d) => container(d)['env'].push({ name: 'AUTH_JWT_SECRET', value: 'x' })).length > 0,
    );
    assert.ok(broken((d) => (d['apiVersion'] = 'v1')).length > 0);
    assert.ok(broken((d) => delete container(d)['image']).length > 0);
  });
});
