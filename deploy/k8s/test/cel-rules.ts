// The CRDs' CEL rules (`x-kubernetes-validations`) that matter for our manifests, written by hand
// because ajv does not evaluate CEL. Each rule names the schema location and the exact message of
// the CEL rule it mirrors, so a test can prove the CRD really carries that rule.

type Node = Record<string, unknown>;

export interface CelRule {
  kind: string;
  /** Path from the document root; `[]` steps into every item of a list. */
  at: string[];
  message: string;
  holds(self: Node): boolean;
}

const has = (node: Node, field: string) => node[field] !== undefined;
const list = (node: Node, field: string) => (node[field] ?? []) as Node[];
const oneOf = (node: Node, a: string, b: string) => has(node, a) !== has(node, b);

const targetRules = (kind: string, kinds: string[], kindMessage: string): CelRule[] => [
  {
    kind,
    at: ['spec'],
    message: 'either targetRef or targetRefs must be used',
    holds: (s) => oneOf(s, 'targetRef', 'targetRefs') || list(s, 'targetSelectors').length > 0,
  },
  {
    kind,
    at: ['spec'],
    message: 'this policy can only have a targetRefs[*].group of gateway.networking.k8s.io',
    holds: (s) => list(s, 'targetRefs').every((r) => r['group'] === 'gateway.networking.k8s.io'),
  },
  {
    kind,
    at: ['spec'],
    message: kindMessage,
    holds: (s) => list(s, 'targetRefs').every((r) => kinds.includes(r['kind'] as string)),
  },
];

export const CEL_RULES: CelRule[] = [
  ...targetRules(
    'SecurityPolicy',
    ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute'],
    'this policy can only have a targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute',
  ),
  {
    kind: 'SecurityPolicy',
    at: ['spec', 'extAuth'],
    message: 'only one of grpc or http can be specified',
    holds: (e) => oneOf(e, 'grpc', 'http'),
  },
  {
    kind: 'SecurityPolicy',
    at: ['spec', 'extAuth', 'http'],
    message: 'backendRef or backendRefs needs to be set',
    holds: (h) => has(h, 'backendRef') || list(h, 'backendRefs').length > 0,
  },
  {
    kind: 'SecurityPolicy',
    at: ['spec', 'extAuth', 'http'],
    message: 'only one of path or pathOverride can be specified',
    holds: (h) => !(has(h, 'path') && has(h, 'pathOverride')),
  },
  {
    kind: 'SecurityPolicy',
    at: ['spec', 'extAuth', 'http'],
    message: 'BackendRefs only supports Service, ServiceImport, and Backend kind.',
    holds: (h) =>
      list(h, 'backendRefs').every((r) =>
        ['Service', 'ServiceImport', 'Backend'].includes(r['kind'] as string),
      ),
  },
  {
    kind: 'SecurityPolicy',
    at: ['spec', 'extAuth', 'http', 'backendRefs', '[]'],
    message: 'Must have port for Service reference',
    holds: (r) => !(r['group'] === '' && r['kind'] === 'Service') || has(r, 'port'),
  },
  ...targetRules(
    'ClientTrafficPolicy',
    ['Gateway', 'ListenerSet'],
    'this policy can only have a targetRefs[*].kind of Gateway or ListenerSet',
  ),
];

/** The data nodes at `path` (none when a step is absent). */
export function nodesAt(root: unknown, path: string[]): Node[] {
  let nodes = [root];
  for (const step of path)
    nodes = nodes.flatMap((n) => {
      if (n === null || typeof n !== 'object') return [];
      if (step === '[]') return Array.isArray(n) ? n : [];
      const child = (n as Node)[step];
      return child === undefined ? [] : [child];
    });
  return nodes.filter((n): n is Node => n !== null && typeof n === 'object');
}

/** The CRD schema node at `path`, following `properties` and `items`. */
export function schemaAt(schema: Node, path: string[]): Node | undefined {
  let node: Node | undefined = schema;
  for (const step of path)
    node =
      step === '[]'
        ? (node?.['items'] as Node | undefined)
        : ((node?.['properties'] as Record<string, Node> | undefined)?.[step] ?? undefined);
  return node;
}

/** Messages of the rules that `doc` (already defaulted) breaks. */
export function celErrors(doc: Node): string[] {
  return CEL_RULES.filter((rule) => rule.kind === doc['kind']).flatMap((rule) =>
    nodesAt(doc, rule.at)
      .filter((node) => !rule.holds(node))
      .map(() => `/${rule.at.join('/')}: ${rule.message}`),
  );
}
