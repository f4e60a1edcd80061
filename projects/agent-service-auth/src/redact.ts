const REDACTED = 'redacted';

const PATTERNS: [RegExp, string][] = [
  // access-token=… in URLs (also Texera's access_token spelling), up to the next delimiter.
  [/(access[-_]token=)[^&\s"'#]*/gi, `$1${REDACTED}`],
  [/(\bbearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  // A bare JWT anywhere else (header.payload.signature, header always base64url JSON).
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, REDACTED],
];

// Percent-encoded unreserved characters (RFC 3986 2.3) mean the same as the characters
// themselves, and servers decode them before reading the query: `%61ccess-token=%65yJ…` is an
// access token. Decoding only these (never `%0A`, `%26`, ...) cannot forge a log line.
const ENCODED_UNRESERVED = /%(2[dDeE]|3\d|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

function decodeUnreserved(text: string): string {
  return text.replace(ENCODED_UNRESERVED, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * The text with token values replaced, for every log line and error message that might quote
 * a URL or header. Shared by the gateway, the stubs and their logs.
 */
export function redactTokens(text: string): string {
  return PATTERNS.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    decodeUnreserved(text),
  );
}
