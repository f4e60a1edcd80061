// Longer than any app path a user bookmarks, short enough that the checks below stay cheap;
// anything longer was not produced by the router.
const MAX_LENGTH = 2048;

// Exactly what Angular's URL serializer (router.url) emits: a leading "/", then RFC 3986 path,
// query and fragment characters and well-formed %XX escapes. No backslash, whitespace, control
// or non-ASCII character can appear, so the browser quirks that live on them (backslash read as
// slash, tab and newline removed anywhere, leading spaces and controls stripped) have nothing to
// work on in the text as given. It also rules out "../" and other base-relative forms.
const APP_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;

// Two unrelated synthetic origins. Text that names a host ("//evil", and also "//a.invalid",
// which a single base would let through) or a scheme cannot stay on both, so "resolves onto
// both" means "is a path on whatever origin the app runs", without a list of bad prefixes.
const BASES = ['https://a.invalid/', 'http://b.invalid:8080/'] as const;
const ORIGINS = BASES.map((base) => new URL(base).origin);

// A login page may decode the value once more than the router did (or a proxy may); each
// layer must be safe on its own. Nobody encodes a path this many times on purpose.
const MAX_DECODINGS = 4;

/**
 * Decodes every %XX escape as one byte. For the questions asked here this matches any real
 * decoder: every character that changes how a URL parses ("/", "\", tab, ":") is ASCII, and
 * unlike `decodeURIComponent` it never throws on a stray "%".
 */
function decodeEscapes(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** The text and each form it takes when decoded again, or null when that does not settle. */
function decodings(text: string): string[] | null {
  const forms = [text];
  for (let i = 0; i <= MAX_DECODINGS; i++) {
    const next = decodeEscapes(forms[forms.length - 1]);
    if (next === forms[forms.length - 1]) return forms;
    forms.push(next);
  }
  return null;
}

/** The path this text resolves to with the WHATWG parser, or null if it leaves either origin. */
function pathOnApp(text: string): string | null {
  try {
    const resolved = BASES.map((base) => new URL(text, base));
    return resolved.every((url, i) => url.origin === ORIGINS[i]) ? resolved[0].pathname : null;
  } catch {
    return null;
  }
}

/** A path as the router matches it: no matrix parameters, no trailing slash. */
function routeOf(pathname: string): string {
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

/**
 * May `url` be used to send the user back after login? True only for an app path (one leading
 * "/") that stays on the app's origin as written and after every further decoding, and that is
 * not the login route itself (which would send the user straight back to the login form).
 * Pure, never throws; for a login page to check `?returnUrl=` before navigating to it.
 */
export function isSafeReturnUrl(url: unknown, loginRoute = '/login'): url is string {
  if (typeof url !== 'string' || url.length > MAX_LENGTH || !APP_PATH.test(url)) return false;
  const forms = decodings(url);
  if (forms === null) return false;
  const login = routePath(loginRoute);
  return forms.every((form) => {
    const path = pathOnApp(form);
    return path !== null && routeOf(path) !== login;
  });
}
