import { DefaultUrlSerializer, PRIMARY_OUTLET } from '@angular/router';

/**
 * What an app path is: the part of a page URL the router sees, under `<base href>`, and the
 * route it names. The one place that turns URLs into app paths and routes; pure.
 */
/**
 * The app path of `href` under `<base href>` ("/texera/dashboard?x" -> "/dashboard?x"): what
 * router.url would be. "" for a page outside the base, which no check accepts.
 */
export function appPath(href: string, baseURI: string): string {
  try {
    const dir = new URL('.', baseURI);
    const page = new URL(href);
    if (page.origin !== dir.origin || !page.pathname.startsWith(dir.pathname)) return '';
    return '/' + page.pathname.slice(dir.pathname.length) + page.search + page.hash;
  } catch {
    // An opaque base (about:blank, srcdoc) has no app path.
    return '';
  }
}

// Two unrelated synthetic origins. Text that names a host ("//evil", and also "//a.invalid",
// which a single base would let through) or a scheme cannot stay on both, so "resolves onto
// both" means "is a path on whatever origin the app runs", without a list of bad prefixes.
const BASES = ['https://a.invalid/', 'http://b.invalid:8080/'] as const;
const ORIGINS = BASES.map((base) => new URL(base).origin);

/** The path this text resolves to with the WHATWG parser, or null if it leaves either origin. */
export function pathOnApp(text: string): string | null {
  try {
    const resolved = BASES.map((base) => new URL(text, base));
    return resolved.every((url, i) => url.origin === ORIGINS[i]) ? resolved[0].pathname : null;
  } catch {
    return null;
  }
}

// The router's own parser: routes are compared as the Router reads them, so outlet syntax
// ("/(login)", "/login(aux:x)"), matrix parameters and escapes cannot make the login page look
// like another route. Custom UrlSerializers are rare; the default is what this library assumes.
const SERIALIZER = new DefaultUrlSerializer();

/**
 * The route an app URL or route names ("/login?x=1", "login/", "/(login//aux:x)" all give
 * "/login"): the primary outlet's segments. Null for text that is not a path on the app or that
 * the router cannot parse; null matches no route.
 */
export function routePath(url: string): string | null {
  // The browser's reading first (dot segments resolved, "\\" as "/"), then the Router's.
  const path = pathOnApp(url.startsWith('/') ? url : '/' + url);
  if (path === null) return null;
  let segments: string[];
  try {
    const primary = SERIALIZER.parse(path).root.children[PRIMARY_OUTLET];
    segments = (primary?.segments ?? []).map((segment) => segment.path);
  } catch {
    return null;
  }
  // A trailing "/" is an empty last segment to the parser and nothing to route matching.
  while (segments.at(-1) === '') segments.pop();
  // Escaped again so that a decoded "/" inside one segment stays distinguishable.
  return '/' + segments.map(encodeURIComponent).join('/');
}

/** Do these two name the same route? Never for text that is not a route. */
export function isSameRoute(url: string, route: string): boolean {
  const path = routePath(url);
  return path !== null && path === routePath(route);
}
