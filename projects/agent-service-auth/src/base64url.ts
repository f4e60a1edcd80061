const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** How many low bits of the last character carry no data, by length mod 4 (1 is never valid). */
const UNUSED_BITS = [0, -1, 4, 2];

/**
 * Whether `text` is the one base64url spelling of its bytes, as RFC 7515 section 2 defines it
 * for JWS segments: only the URL-safe alphabet, no `=` padding, and the last character's
 * unused low bits zero. Lenient decoders (jose's among them) also accept a padded segment or a
 * last character whose unused bits are set, so one token could be spelled several ways.
 */
export function isCanonicalBase64url(text: string): boolean {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return false;
  const unused = UNUSED_BITS[text.length % 4];
  if (unused < 0) return false;
  if (unused === 0) return true;
  return (ALPHABET.indexOf(text[text.length - 1]) & ((1 << unused) - 1)) === 0;
}
