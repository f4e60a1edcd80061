// Validates Kubernetes manifests against the CustomResourceDefinitions in ../shared/crds with ajv,
// the way the API server treats a structural schema: unknown fields are errors (kubectl's strict
// field validation), `x-kubernetes-list-type: set|map` items must be unique, defaults are applied
// before CEL rules run. The CEL rules themselves are in cel-rules.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** The project's sibling folder `shared/crds`, as the CRD README says; `AGENT_AUTH_CRDS` overrides it. */
export const CRD_DIR = resolve(process.env['AGENT_AUTH_CRDS'] ?? join(REPO_ROOT, '../shared/crds'));

export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  /** The CRD's openAPIV3Schema, unchanged (CEL rules included). */
  schema: Schema;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) yield* yamlFiles(file);
    else if (/\.ya?ml$/.test(name)) yield file;
  }
}

export function loadCrds(dir = CRD_DIR): Map<string, CrdVersion> {
  try {
    statSync(dir);
  } catch {
    throw new Error(
      `the Envoy Gateway CRD schemas are not at ${dir}: keep shared/ beside the repo, or set AGENT_AUTH_CRDS`,
    );
  }
  const crds = new Map<string, CrdVersion>();
  for (const file of yamlFiles(dir)) {
    const crd = parse(readFileSync(file, 'utf8'));
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names } = crd.spec;
    for (const version of crd.spec.versions)
      crds.set(`${group}/${version.name}:${names.kind}`, {
        group,
        kind: names.kind,
        version: version.name,
        schema: version.schema.openAPIV3Schema,
      });
  }
  if (!crds.size) throw new Error(`no CustomResourceDefinitions found under ${dir}`);
  return crds;
}

/**
 * Turns a structural schema into plain JSON Schema: drops every `x-kubernetes-*` keyword after
 * translating the ones with a JSON-Schema meaning, and closes objects to unknown fields.
 */
export function toJsonSchema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, s]) => [name, toJsonSchema(s)]),
      );
    else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object'))
      out[key] = toJsonSchema(value as Schema);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf')
      out[key] = (value as Schema[]).map(toJsonSchema);
    else out[key] = value;
  }
  if (node['x-kubernetes-list-type'] === 'set') out['uniqueItems'] = true;
  if (node['x-kubernetes-list-type'] === 'map')
    out['listMapKeys'] = node['x-kubernetes-list-map-keys'];
  const open = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node['type'] === 'object' && node['properties'] && !('additionalProperties' in node) && !open)
    out['additionalProperties'] = false;
  return out;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
  // x-kubernetes-list-type: map: no two items may share the values of the key fields.
  ajv.addKeyword({
    keyword: 'listMapKeys',
    type: 'array',
    schemaType: 'array',
    validate: (keys: string[], items: Record<string, unknown>[]) =>
      new Set(items.map((item) => JSON.stringify(keys.map((k) => item[k])))).size === items.length,
  });
  return ajv;
}

// DNS-1123 subdomain (object names) and label (namespaces), as the API server checks ObjectMeta.
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function metadataErrors(metadata: unknown): string[] {
  const meta = (metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const errors: string[] = [];
  if (typeof meta.name !== 'string' || !DNS_SUBDOMAIN.test(meta.name))
    errors.push(`/metadata/name must be a DNS-1123 subdomain (got ${JSON.stringify(meta.name)})`);
  if (meta.namespace !== undefined && !DNS_LABEL.test(String(meta.namespace)))
    errors.push(
      `/metadata/namespace must be a DNS-1123 label (got ${JSON.stringify(meta.namespace)})`,
    );
  return errors;
}

export interface ManifestResult {
  /** Empty when the document is valid. */
  errors: string[];
  /** The document with the schema's defaults applied (what CEL rules see). */
  defaulted: Record<string, unknown>;
  crd?: CrdVersion;
}

export interface ManifestValidator {
  validate(doc: unknown): ManifestResult;
  crds: Map<string, CrdVersion>;
}

export function createManifestValidator(dir = CRD_DIR): ManifestValidator {
  const crds = loadCrds(dir);
  const ajv = createAjv();
  const compiled = new Map<string, ValidateFunction>();
  return {
    crds,
    validate(doc) {
      const defaulted = structuredClone(doc ?? {}) as Record<string, unknown>;
      const key = `${defaulted['apiVersion']}:${defaulted['kind']}`;
      const crd = crds.get(key);
      if (!crd) return { errors: [`no CRD for ${key}`], defaulted };
      let check = compiled.get(key);
      if (!check) compiled.set(key, (check = ajv.compile(toJsonSchema(crd.schema))));
      check(defaulted);
      const errors = (check.errors ?? []).map(
        (e) =>
          `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? `: ${e.params['additionalProperty']}` : ''}`,
      );
      return { errors: [...errors, ...metadataErrors(defaulted['metadata'])], defaulted, crd };
    },
  };
}
