import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { agentPath } from '../src/authorize.js';
import {
  AgentTokenError,
  createAgentTokenVerifier,
  extractAgentToken,
  redactTokens,
} from '../src/index.js';
import { ERROR_CODES, NOW_MS, SECRET, signRaw, texeraClaims } from './tokens.js';

const RUNS = { numRuns: 300 };
const verifier = createAgentTokenVerifier(SECRET, { now: () => NOW_MS });
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/);
const jwtLike = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));

describe('properties', () => {
  it('verify refuses any unsigned input with a typed code, never quoting it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), jwtLike), async (input) => {
        const error = await verifier.verify(input).then(
          () => null,
          (e: unknown) => e,
        );
        assert.ok(error instanceof AgentTokenError);
        assert.ok(ERROR_CODES.includes(error.code));
        if (input.trim().length > 3) assert.ok(!error.message.includes(input.trim()));
      }),
      RUNS,
    );
  });

  it('verify refuses any change to a signed token', async () => {
    const token = signRaw(texeraClaims());
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        async (at, char) => {
          fc.pre(token[at] !== char);
          const changed = token.slice(0, at) + char + token.slice(at + 1);
          // The last character included: flipping only its unused bits is a non-canonical spelling.
          await assert.rejects(verifier.verify(changed), AgentTokenError);
        },
      ),
      RUNS,
    );
  });

  it('extractAgentToken never throws, whatever the request', () => {
    fc.assert(
      fc.property(
        fc.record({
          url: fc.option(fc.string()),
          headers: fc.option(
            fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
          ),
          body: fc.anything(),
        }),
        (request) => {
          const token = extractAgentToken(request);
          assert.ok(
            token === null || (typeof token === 'string' && token === token.trim() && token !== ''),
          );
        },
      ),
      RUNS,
    );
  });

  it('agentPath only ever admits normalised paths under /api/agents', () => {
    const pieces = fc.constantFrom(
      'api',
      'agents',
      'auth',
      '..',
      '.',
      '%2e',
      '%2E%2e',
      '%2f',
      '',
      'x',
      '7',
      '\\',
      '?',
      '#',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const path = `/${parts.join('/')}`;
        const result = agentPath(path);
        if (path.includes('#')) assert.equal(result, null, 'a fragment is never admitted');
        if (result === null) return;
        assert.ok(result === '/api/agents' || result.startsWith('/api/agents/'));
        assert.doesNotMatch(result, /(^|\/)\.\.?(\/|$)|%2e|%2f|\\/i);
      }),
      { numRuns: 1000 },
    );
  });

  it('redactTokens removes a JWT from any line around it', () => {
    const token = signRaw(texeraClaims());
    const noise = fc.string({ unit: fc.constantFrom(' ', 'a', '/', '?', '&', '=', ':', '"') });
    const context = fc.constantFrom(
      '?access-token=',
      '&access_token=',
      'Bearer ',
      'bearer  ',
      ' ',
      '"',
    );
    fc.assert(
      fc.property(noise, context, noise, (before, lead, after) => {
        assert.ok(!redactTokens(`${before}${lead}${token}${after}`).includes(token));
      }),
      RUNS,
    );
  });
});
