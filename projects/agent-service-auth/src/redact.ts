const REDACTED = 'redacted';

const PATTERNS: [RegExp, string][] = [
  // access-token=… in URLs (also Texera's access_token spelling), up to the next delimiter.
  [/(access[-_]token=)[^&\s"'#]*/gi, `$1${REDACTED}`],
  [/(\bbearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  // A bare JWT anywhere else (header.payload.signature, header always base64url JSON).
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, REDACTED],
];

/**
 * The text with token values replaced, for every log line and error message that might quote
 * a URL or header. Shared by the gateway, the stubs and their logs.
 */
export function redactTokens(text: string): string {
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}
