import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CEL_RULES, celErrors, nodesAt, schemaAt } from './cel-rules';
import { loadCrds } from './crd-schemas';

describe('hand-written CEL rules', () => {
  const crds = [...loadCrds().values()];

  for (const rule of CEL_RULES)
    it(`mirrors a real ${rule.kind} rule at /${rule.at.join('/')}: "${rule.message}"`, () => {
      const crd = crds.find((c) => c.kind === rule.kind);
      assert.ok(crd, `a CRD for ${rule.kind}`);
      const node = schemaAt(crd.schema, rule.at);
      const validations = (node?.['x-kubernetes-validations'] ?? []) as { message: string }[];
      assert.ok(
        validations.some((v) => v.message.trim() === rule.message),
        `the CRD has this rule at /${rule.at.join('/')}`,
      );
    });

  it('nodesAt steps into every list item and skips absent steps', () => {
    const doc = { a: { list: [{ x: 1 }, { x: 2 }] } };
    assert.deepEqual(nodesAt(doc, ['a', 'list', '[]']), [{ x: 1 }, { x: 2 }]);
    assert.deepEqual(nodesAt(doc, ['a', 'missing', '[]']), []);
  });

  it('rules apply only to their own kind', () => {
    const both = { targetRef: {}, targetRefs: [] };
    assert.equal(celErrors({ kind: 'SecurityPolicy', spec: both }).length, 1);
    assert.deepEqual(celErrors({ kind: 'HTTPRoute', spec: both }), []);
  });
});
