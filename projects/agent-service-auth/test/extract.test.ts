import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { extractAgentToken } from '../src/index.js';

const Q = 'query.token.value';
const H = 'header.token.value';
const B = 'body.token.value';

describe('extractAgentToken', () => {
  const cases: [string, Parameters<typeof extractAgentToken>[0], string | null][] = [
    ['query access-token', { url: `/api/agents/1/react?access-token=${Q}` }, Q],
    ['query among other params', { url: `/api/agents/1/react?a=1&access-token=${Q}&b=2` }, Q],
    ['query on an absolute URL', { url: `http://127.0.0.1:1/api/agents?access-token=${Q}` }, Q],
    ['percent-encoded query value', { url: '/api/agents?access-token=a%2Eb%2Ec' }, 'a.b.c'],
    [
      'query wins over the header',
      { url: `/x?access-token=${Q}`, headers: { authorization: `Bearer ${H}` } },
      Q,
    ],
    [
      'empty query value falls through to the header',
      { url: '/x?access-token=', headers: { authorization: `Bearer ${H}` } },
      H,
    ],
    ['Bearer header', { url: '/x', headers: { authorization: `Bearer ${H}` } }, H],
    ['lowercase scheme', { headers: { authorization: `bearer ${H}` } }, H],
    ['uppercase scheme', { headers: { authorization: `BEARER ${H}` } }, H],
    ['surrounding whitespace trimmed', { headers: { authorization: `  Bearer    ${H}  ` } }, H],
    ['Basic scheme is not a token', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, null],
    ['Bearer without a value', { headers: { authorization: 'Bearer ' } }, null],
    ['Bearer with two values', { headers: { authorization: `Bearer ${H} extra` } }, null],
    ['scheme glued to the value', { headers: { authorization: `Bearer${H}` } }, null],
    [
      'header given as an array',
      { headers: { authorization: [`Bearer ${H}`, 'Bearer other'] } },
      H,
    ],
    [
      'header wins over the body',
      { headers: { authorization: `Bearer ${H}` }, body: { token: B } },
      H,
    ],
    ['JSON body string', { body: JSON.stringify({ token: B }) }, B],
    ['parsed JSON body', { body: { token: ` ${B} ` } }, B],
    ['urlencoded body string', { body: `a=1&token=${encodeURIComponent(B)}` }, B],
    ['URLSearchParams body', { body: new URLSearchParams({ token: B }) }, B],
    ['body token that is not a string', { body: { token: 42 } }, null],
    ['broken JSON body', { body: '{"token": ' }, null],
    ['array body', { body: [B] }, null],
    [
      'class instance body is not read',
      {
        body: new (class {
          token = B;
        })(),
      },
      null,
    ],
    ['nothing at all', {}, null],
    ['null url and headers', { url: null, headers: null }, null],
    ['unparseable URL', { url: 'http://[::1' }, null],
  ];
  for (const [name, request, expected] of cases) {
    it(name, () => assert.equal(extractAgentToken(request), expected));
  }

  it('reads a Fetch Request (Bun, undici) through Headers.get', () => {
    const withHeader = new Request('http://127.0.0.1/api/agents', {
      headers: { Authorization: `Bearer ${H}` },
    });
    assert.equal(extractAgentToken(withHeader), H);
    assert.equal(
      extractAgentToken(new Request(`http://127.0.0.1/api/agents?access-token=${Q}`)),
      Q,
    );
    const streamed = new Request('http://127.0.0.1/api/agents', {
      method: 'POST',
      body: `token=${B}`,
    });
    assert.equal(extractAgentToken(streamed), null, 'a streaming body is not read');
  });

  it("reads Node's IncomingMessage from a real request", async () => {
    const seen: (string | null)[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      seen.push(extractAgentToken(req));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (path: string, headers: Record<string, string>) =>
      new Promise<void>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, headers }, (res) =>
          res.resume().on('end', resolve),
        )
          .on('error', reject)
          .end();
      });
    try {
      await send('/api/agents', { Authorization: `Bearer ${H}` });
      await send(`/api/agents/1/react?access-token=${Q}`, {});
      await send('/api/agents', {});
    } finally {
      server.close();
    }
    assert.deepEqual(seen, [H, Q, null]);
  });
});
