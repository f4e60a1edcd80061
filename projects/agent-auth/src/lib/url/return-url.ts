import { isSameRoute, pathOnApp, routePath } from './app-path';

// Longer than any app path a user bookmarks, short enough that the checks below stay cheap;
// anything longer was not produced by the router.
const MAX_LENGTH = 2048;

// Exactly what Angular's URL serializer (router.url) emits: a leading "/", then RFC 3986 path,
// query and fragment characters and well-formed %XX escapes. No backslash, whitespace, control
// or non-ASCII character can appear, so the browser quirks that live on them (backslash read as
// slash, tab and newline removed anywhere, leading spaces and controls stripped) have nothing to
// work on in the text as given. It also rules out "../" and other base-relative forms.
const APP_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;

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

/**
 * May `url` be used to send the user back after login? True only for an app path (one leading
 * "/") that stays on the app's origin as written and after every further decoding, and that is
 * not the login route itself in any spelling the Router accepts (outlets, matrix parameters,
 * escapes), which would send the user straight back to the login form.
 * Pure, never throws; for a login page to check `?returnUrl=` before navigating to it.
 */
export function isSafeReturnUrl(url: unknown, loginRoute = '/login'): url is string {
  if (typeof url !== 'string' || url.length > MAX_LENGTH || !APP_PATH.test(url)) return false;
  // Text the Router cannot parse would fail the navigation it is meant for.
  if (routePath(url) === null) return false;
  const forms = decodings(url);
  if (forms === null) return false;
  // Each form must stay on the app and none may be the login route as the Router reads it.
  return forms.every((form) => pathOnApp(form) !== null && !isSameRoute(form, loginRoute));
}

/** The query parameter Texera (and angular-jwt's examples) also use for a token in a page URL. */
const ACCESS_TOKEN_PARAM = 'access_token';

/** A query name as the Router and URLSearchParams read it: "+" is a space, escapes decoded. */
function queryName(pair: string): string {
  const name = pair.split('=', 1)[0].replace(/\+/g, ' ');
  return decodeEscapes(name);
}

/**
 * `url` (an app path) without any `tokenParam` or `access_token` query parameter, however its
 * name is escaped; everything else, order included, is kept. A page opened with the token in its
 * URL must not copy it into `returnUrl`, where it would reach the login page, its logs and history.
 * Pure, never throws.
 */
export function withoutTokenParams(url: string, tokenParam: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return url;
  const pairs = beforeHash.slice(queryAt + 1).split('&');
  const kept = pairs.filter((pair) => {
    const name = queryName(pair);
    return name !== tokenParam && name !== ACCESS_TOKEN_PARAM;
  });
  if (kept.length === pairs.length) return url;
  const query = kept.length > 0 ? '?' + kept.join('&') : '';
  return beforeHash.slice(0, queryAt) + query + (hashAt < 0 ? '' : url.slice(hashAt));
}
