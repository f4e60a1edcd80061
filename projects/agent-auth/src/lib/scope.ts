/** Where the page is: what relative request URLs resolve against, and its own origin. */
export interface PageLocation {
  readonly baseURI: string;
  readonly origin: string;
}

export interface ScopeRule {
  readonly apiPrefix: string;
  readonly allowedOrigins: readonly string[];
}

export function pageLocation(doc: Document): PageLocation {
  return { baseURI: doc.baseURI, origin: doc.location?.origin ?? new URL(doc.baseURI).origin };
}

/** The directory part of the base URL's path: "/texera/" for <base href="/texera/index.html">. */
function baseDirectory(base: URL): string {
  return base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
}

function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

/**
 * Is `url` an agent-service call? Returns the URL the browser will actually request
 * (WHATWG-resolved against the page's base, so dot segments and %2e are already gone),
 * or null when the token must not go there.
 *
 * The path must sit under `apiPrefix` as written (Texera's `/api/agents`) or under the same
 * prefix taken relative to `<base href>` (Texera's `api/agents/models` under a non-root base):
 * both are the app's own relative calls to its agent API, and neither can leave the origin.
 */
export function agentUrl(url: string, page: PageLocation, rule: ScopeRule): URL | null {
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
  if (resolved.origin !== page.origin && !rule.allowedOrigins.includes(resolved.origin)) {
    return null;
  }
  const prefix = rule.apiPrefix;
  const basePrefix = baseDirectory(base) + prefix.replace(/^\/+/, '');
  return underPrefix(resolved.pathname, prefix) || underPrefix(resolved.pathname, basePrefix)
    ? resolved
    : null;
}
