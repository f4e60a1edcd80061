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

/** A path as the router matches it: no matrix parameters, no trailing slash. */
export function routeOf(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => segment.split(';')[0])
    .join('/');
  return path.replace(/\/+$/, '') || '/';
}

/**
 * The route part of an app URL or route ("/login?x=1", "login/"): what "already on the login
 * page" compares. Text that is not a path on the app gives "" and so matches no route.
 */
export function routePath(url: string): string {
  const path = pathOnApp(url.startsWith('/') ? url : '/' + url);
  return path === null ? '' : routeOf(path);
}
