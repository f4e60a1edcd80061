import { BoundedMap } from '../bounded-map';
import type { AgentAuthPage } from './page';

export interface ScopeRule {
  readonly apiPaths: readonly string[];
  readonly allowedOrigins: readonly string[];
}

/** An agent call's URL, and where the API paths sit in it. */
export interface AgentTarget {
  /** What the browser will actually request (resolved, so dot segments and %2e are gone). */
  readonly url: URL;
  /**
   * What stands before the matched API path: "" for a path as written ("/api/agents"), the
   * `<base href>` directory without its last "/" ("/texera") for one relative to the base.
   */
  readonly mount: string;
}

/** The directory part of the base URL's path: "/texera/" for <base href="/texera/index.html">. */
function baseDirectory(base: URL): string {
  return base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
}

/** `path` is `prefix` or below it, on a segment boundary ("/api/agentsX" is not under "/api/agents"). */
export function isUnderPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

// An encoded slash or backslash inside a path is one segment to the browser and to this check,
// but a proxy that decodes it (nginx does) routes "/api/agents/..%2f..%2fx" somewhere else.
const ENCODED_SEPARATOR = /%2f|%5c/i;

/**
 * Is `url` an agent-service call? The target the browser will request, or null when the token
 * must not go there.
 *
 * The path must sit under one of `apiPaths` as written (Texera's `/api/agents`) or under the same
 * path taken relative to `<base href>` (Texera's `api/models` under a non-root base): both are
 * the app's own relative calls to its API, and neither can leave the origin.
 */
export function agentTarget(
  url: string,
  page: Pick<AgentAuthPage, 'baseURI' | 'origin'>,
  rule: ScopeRule,
): AgentTarget | null {
  let resolved: URL;
  let base: URL;
  try {
    base = new URL(page.baseURI);
    resolved = new URL(url, base);
  } catch {
    return null;
  }
  // Credentials in the URL are never something the app builds; refusing them also keeps
  // "https://app@evil.example" style look-alikes out whatever the origin check says.
  if (resolved.username !== '' || resolved.password !== '') return null;
  // An opaque origin ("null": data:, about:, a sandboxed page) equals no other origin, not
  // even another "null".
  if (resolved.origin === 'null') return null;
  if (resolved.origin !== page.origin && !rule.allowedOrigins.includes(resolved.origin)) {
    return null;
  }
  const path = resolved.pathname;
  if (ENCODED_SEPARATOR.test(path)) return null;
  const baseMount = baseDirectory(base).slice(0, -1);
  for (const apiPath of rule.apiPaths) {
    if (isUnderPath(path, apiPath)) return { url: resolved, mount: '' };
    if (baseMount !== '' && isUnderPath(path, baseMount + apiPath)) {
      return { url: resolved, mount: baseMount };
    }
  }
  return null;
}

/**
 * `agentTarget`'s yes/no for one rule and one page, remembered for the last `limit` URLs: an
 * app calls the same few URLs over and over, and two WHATWG parses per request would be most
 * of what the interceptor costs. The answers hold for one base URL; when `<base href>` or (with
 * no `<base>`) the page URL changes, they are dropped. A page's origin never changes.
 */
export class ScopeMemo {
  private readonly answers: BoundedMap<string, boolean>;
  private baseURI: string | undefined;

  constructor(
    private readonly rule: ScopeRule,
    private readonly page: Pick<AgentAuthPage, 'baseURI' | 'origin'>,
    limit = 256,
  ) {
    this.answers = new BoundedMap(limit);
  }

  /** @internal for tests */
  get size(): number {
    return this.answers.size;
  }

  isAgentCall(url: string): boolean {
    const baseURI = this.page.baseURI;
    if (baseURI !== this.baseURI) {
      this.answers.clear();
      this.baseURI = baseURI;
    }
    let answer = this.answers.get(url);
    if (answer === undefined) {
      answer = agentTarget(url, this.page, this.rule) !== null;
      this.answers.set(url, answer);
    }
    return answer;
  }
}
