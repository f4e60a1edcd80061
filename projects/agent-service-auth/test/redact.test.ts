import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactTokens } from '../src/index.js';
import { signRaw, texeraClaims } from './tokens.js';

const JWT = signRaw(texeraClaims());

describe('redactTokens', () => {
  const cases: [string, string][] = [
    [
      `GET /api/agents/1/react?access-token=${JWT} 101`,
      'GET /api/agents/1/react?access-token=redacted 101',
    ],
    [`/x?a=1&access-token=${JWT}&b=2`, '/x?a=1&access-token=redacted&b=2'],
    [`/x?ACCESS-TOKEN=abc#frag`, '/x?ACCESS-TOKEN=redacted#frag'],
    [`/x?access_token=abc`, '/x?access_token=redacted'],
    [`authorization: Bearer ${JWT}`, 'authorization: Bearer redacted'],
    [`"authorization":"bearer opaque-value","x":1`, '"authorization":"bearer redacted","x":1'],
    [`token ${JWT} seen twice: ${JWT}`, 'token redacted seen twice: redacted'],
    ['GET /api/agents 200 12ms', 'GET /api/agents 200 12ms'],
    ['Bearer', 'Bearer'],
  ];
  for (const [input, expected] of cases) {
    it(`redacts ${expected}`, () => {
      const out = redactTokens(input);
      assert.equal(out, expected);
      assert.ok(!out.includes(JWT));
    });
  }
});

describe('redactTokens on percent-encoded tokens', () => {
  // Every character of the token percent-encoded: what URLSearchParams (and so
  // extractAgentToken) decodes back into a working token.
  const encodeAll = (text: string) =>
    [...text].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  const signature = JWT.split('.')[2]!;

  it('redacts an encoded parameter name and an encoded token value', () => {
    const line = `GET /api/agents?%61ccess-token=${encodeAll(JWT)} 200`;
    assert.equal(new URLSearchParams(line.split('?')[1]!.split(' ')[0]).get('access-token'), JWT);
    const out = redactTokens(line);
    assert.equal(out, 'GET /api/agents?access-token=redacted 200');
    assert.ok(!out.includes(signature) && !out.includes(encodeAll(signature)));
  });

  it('redacts an encoded bare JWT', () => {
    const out = redactTokens(`/x?t=${encodeAll(JWT)}`);
    assert.equal(out, '/x?t=redacted');
  });

  it('decodes nothing that could forge or split a log line', () => {
    assert.equal(redactTokens('/x?a=%0A%0D%26%3D%25%20'), '/x?a=%0A%0D%26%3D%25%20');
  });
});
