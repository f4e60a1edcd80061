import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCanonicalBase64url } from '../src/base64url.js';

describe('isCanonicalBase64url', () => {
  const canonical = ['', 'AA', 'AQ', 'AAE', 'AAAA', 'eyJhbGciOiJIUzI1NiJ9', '-_-_', 'A-8'];
  const not = [
    ['A', 'a length of 4n + 1 encodes no whole byte'],
    ['AB', 'the 4 unused bits are not zero'],
    ['AR', 'the 4 unused bits are not zero'],
    ['AAF', 'the 2 unused bits are not zero'],
    ['AA==', 'padding'],
    ['AAE=', 'padding'],
    ['A+8', 'the base64 (not url) alphabet'],
    ['A/8', 'the base64 (not url) alphabet'],
    ['AA A', 'whitespace'],
  ];
  for (const text of canonical) {
    it(`accepts ${JSON.stringify(text)}`, () => assert.equal(isCanonicalBase64url(text), true));
  }
  for (const [text, why] of not) {
    it(`refuses ${JSON.stringify(text)}: ${why}`, () =>
      assert.equal(isCanonicalBase64url(text), false));
  }

  it('agrees with Node: the canonical spelling is what Buffer encodes its own decoding to', () => {
    for (const text of [...canonical, 'AB', 'AR', 'AAF']) {
      const roundTrip = Buffer.from(Buffer.from(text, 'base64url')).toString('base64url');
      assert.equal(isCanonicalBase64url(text), roundTrip === text, text);
    }
  });
});
