// tokenSafeSerializers with real pino: whatever a request or an error carries of a token, the
// log line does not. The control case (pino's own serializers) shows the token would get in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { tokenSafeSerializers } from '../src/elysia.js';
import { signRaw, texeraClaims } from './tokens.js';

const TOKEN = signRaw(texeraClaims());
const SIGNATURE = TOKEN.split('.')[2];

/** A pino logger writing synchronously into an array of lines. */
function logger(options: pino.LoggerOptions) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino(options, sink), text: () => lines.join('') };
}

/** What Texera's handlers would log: the Fetch request and errors quoting the token. */
function logEverything(log: pino.Logger) {
  const request = new Request(`http://agents.example/api/agents/1/react?access-token=${TOKEN}`, {
    headers: {
      authorization: `Bearer ${TOKEN}`,
      cookie: `access_token=${TOKEN}`,
      'x-trace': TOKEN,
    },
  });
  const nodeRequest = {
    method: 'GET',
    url: `/api/agents?access-token=${encodeURIComponent(TOKEN)}`,
    headers: { authorization: TOKEN, host: 'agents.example' },
  };
  const error = Object.assign(
    new Error(`upstream refused Bearer ${TOKEN}`, { cause: new Error(TOKEN) }),
    {
      config: { headers: { Authorization: `Bearer ${TOKEN}` }, url: `/x?access_token=${TOKEN}` },
    },
  );
  log.info({ req: request }, 'request');
  log.info({ request: nodeRequest }, 'node request');
  log.error({ err: error }, 'request error');
  log.error({ error: { nested: [{ token: TOKEN }] } }, 'plain object');
}

describe('tokenSafeSerializers (pino)', () => {
  it('logs requests and errors without the token, keeping what is useful', () => {
    const { log, text } = logger({ serializers: tokenSafeSerializers });
    logEverything(log);
    const out = text();
    assert.ok(!out.includes(SIGNATURE), 'a token reached the log');
    const [req, nodeReq, err] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(req.req.url, 'http://agents.example/api/agents/1/react?access-token=redacted');
    assert.equal(req.req.headers.authorization, 'Bearer redacted');
    assert.equal(req.req.headers.cookie, 'redacted');
    assert.equal(nodeReq.request.method, 'GET');
    assert.equal(nodeReq.request.headers.host, 'agents.example');
    assert.equal(nodeReq.request.headers.authorization, 'redacted', 'no scheme, nothing kept');
    assert.equal(err.err.type, 'Error');
    assert.equal(err.err.message, 'upstream refused Bearer redacted');
    assert.match(err.err.stack, /log-serializers\.test\.ts/);
    assert.equal(err.err.cause.message, 'redacted');
    assert.equal(err.err.config.headers.Authorization, 'Bearer redacted');
  });

  it("redacts an error's name, and a token in a Buffer, a typed array or a String object", () => {
    const { log, text } = logger({ serializers: tokenSafeSerializers });
    const named = Object.assign(new Error('refused'), { name: `TokenError ${TOKEN}` });
    class Named extends Error {
      override name = `Bearer ${TOKEN}`;
    }
    log.error({ err: named }, 'named error');
    log.error({ error: new Named('x') }, 'class name');
    log.error(
      {
        err: {
          body: Buffer.from(`access-token=${TOKEN}`),
          bytes: new TextEncoder().encode(TOKEN),
          boxed: new String(`Bearer ${TOKEN}`),
        },
      },
      'boxed',
    );
    const out = text();
    assert.ok(!out.includes(SIGNATURE), 'a token reached the log');
    const [first, second, third] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(first.err.type, 'TokenError redacted');
    assert.equal(second.error.type, 'Bearer redacted');
    assert.deepEqual(third.err, {
      body: 'access-token=redacted',
      bytes: 'redacted',
      boxed: 'Bearer redacted',
    });
  });

  it('control: pino without them writes the token', () => {
    const { log, text } = logger({});
    logEverything(log);
    assert.ok(text().includes(SIGNATURE));
  });
});
