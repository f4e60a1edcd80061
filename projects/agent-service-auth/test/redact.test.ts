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
