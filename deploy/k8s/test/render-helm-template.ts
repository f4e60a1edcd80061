// Renders the small subset of Helm's Go-template language our templates use, exactly:
// `{{ .Release.Name }}`, `{{ .Release.Namespace }}`, `{{ .Values.a.b }}`, `{{ if .Values.x }}` ...
// `{{ end }}`, and the `{{-` / `-}}` whitespace trims. Anything else throws, so a template that
// grows beyond what this renders fails its test instead of being rendered wrongly.

export interface HelmRelease {
  name: string;
  namespace: string;
}

export interface HelmInput {
  release: HelmRelease;
  values: Record<string, unknown>;
}

type Token = { text: string } | { action: string };

const ACTION = /\{\{(-\s)?\s*(.*?)\s*(\s-)?\}\}/gs;
const REFERENCE = /^\.(?:Release\.(?:Name|Namespace)|Values(?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/;

function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  let trimNext = false;
  for (const match of template.matchAll(ACTION)) {
    let text = template.slice(last, match.index);
    if (trimNext) text = text.trimStart();
    if (match[1]) text = text.trimEnd();
    tokens.push({ text }, { action: match[2] });
    trimNext = Boolean(match[3]);
    last = match.index + match[0].length;
  }
  const rest = template.slice(last);
  tokens.push({ text: trimNext ? rest.trimStart() : rest });
  return tokens;
}

/** Looks a reference up like Go templates do: a missing leaf is undefined, a missing parent throws. */
function lookUp(reference: string, input: HelmInput): unknown {
  if (!REFERENCE.test(reference))
    throw new Error(`unsupported template action: {{ ${reference} }}`);
  const root: Record<string, unknown> = {
    Release: { Name: input.release.name, Namespace: input.release.namespace },
    Values: input.values,
  };
  let node: unknown = root;
  for (const key of reference.slice(1).split('.')) {
    if (node === null || typeof node !== 'object')
      throw new Error(`nil pointer evaluating ${reference} at "${key}"`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Go template truthiness: false, 0, "", nil and empty collections are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function print(reference: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new Error(
    `${reference} has no printable value (got ${JSON.stringify(value) ?? 'nothing'})`,
  );
}

export function renderHelmTemplate(template: string, input: HelmInput): string {
  let out = '';
  // One entry per open `if`: whether its body is being emitted.
  const emitting: boolean[] = [];
  const active = () => emitting.every(Boolean);
  for (const token of tokenize(template)) {
    if ('text' in token) {
      if (active()) out += token.text;
      continue;
    }
    const { action } = token;
    if (action === 'end') {
      if (!emitting.length) throw new Error('{{ end }} without {{ if }}');
      emitting.pop();
    } else if (action.startsWith('if ')) {
      emitting.push(truthy(lookUp(action.slice(3).trim(), input)));
    } else if (active()) {
      out += print(action, lookUp(action, input));
    } else {
      lookUp(action, input);
    }
  }
  if (emitting.length) throw new Error('{{ if }} without {{ end }}');
  return out;
}
