// What the deploy/k8s tests share: a template of ../ rendered with Texera's values, the Texera
// routes kept here as `helm template` renders them, and one check of a document against the
// Envoy Gateway CRDs and the CEL rules that matter.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { celErrors } from './cel-rules';
import { createManifestValidator, type ManifestValidator } from './crd-schemas';
import { renderHelmTemplate } from './render-helm-template';

export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Texera's defaults for the values the templates read (../values.sample.yaml). */
export const VALUES: Doc = parse(readFileSync(here('../values.sample.yaml'), 'utf8'));

/** A YAML file of this folder (a Texera resource as its chart renders it). */
export function fixture(file: string): Doc {
  return parse(readFileSync(here(`./${file}`), 'utf8'));
}

/** Every document `../<template>` renders for release `texera` in namespace `texera`. */
export function render(template: string, values: Record<string, unknown> = VALUES): Doc[] {
  const text = renderHelmTemplate(readFileSync(here(`../${template}`), 'utf8'), {
    release: { name: 'texera', namespace: 'texera' },
    values,
  });
  return parseAllDocuments(text)
    .map((doc) => {
      assert.deepEqual(doc.errors, [], 'rendered YAML parses');
      return doc.toJS();
    })
    .filter((doc) => doc !== null);
}

/** A validator for the CRDs, and what it and the CEL rules find wrong with a document. */
export function createChecker(): { validator: ManifestValidator; problems(doc: Doc): string[] } {
  const validator = createManifestValidator();
  return {
    validator,
    problems(doc) {
      const { errors, defaulted } = validator.validate(doc);
      return [...errors, ...celErrors(defaulted)];
    },
  };
}
