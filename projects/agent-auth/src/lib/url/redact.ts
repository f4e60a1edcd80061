import { TOKEN_QUERY_PARAM } from '../config/config';

const REDACTED = 'redacted';

/**
 * The URL with the token parameter's value replaced, for anything that is logged or reported.
 * Works on absolute and relative URLs and never throws; a URL it cannot parse is dropped whole
 * rather than risk passing a token through.
 */
export function redactToken(url: string, param = TOKEN_QUERY_PARAM): string {
  try {
    const parsed = new URL(url, 'http://redact.invalid');
    if (!parsed.searchParams.has(param)) return url;
    parsed.searchParams.set(param, REDACTED);
    const relative = parsed.origin === 'http://redact.invalid' && !/^[a-z][a-z\d+.-]*:/i.test(url);
    return relative ? parsed.pathname + parsed.search + parsed.hash : parsed.href;
  } catch {
    return '[unparseable url]';
  }
}
