// overwriteIdentity: the token's identity replaces any client x-user-* on headers a handler can
// read; where a runtime's headers are read-only, a request carrying its own is refused instead.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { overwriteIdentity } from '../src/elysia-admission.js';

const IDENTITY = { 'x-user-id': '42', 'x-user-name': 'alice', 'x-user-email': '' };

describe('overwriteIdentity', () => {
  // Read-only Headers, as the Fetch standard makes a fetch() response's.
  let base: string;
  const server = createServer((req, res) => {
    if (req.url === '/spoofed') res.setHeader('x-user-id', '1');
    res.end();
  });
  before(async () => {
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('overwrites what the client sent on mutable headers', () => {
    const headers = new Headers({ 'x-user-id': '1', 'x-user-name': 'mallory' });
    assert.equal(overwriteIdentity(headers, IDENTITY), true);
    assert.deepEqual([headers.get('x-user-id'), headers.get('x-user-name')], ['42', 'alice']);
  });

  it('refuses read-only headers that carry an x-user-* of their own', async () => {
    const { headers } = await fetch(`${base}/spoofed`);
    assert.equal(overwriteIdentity(headers, IDENTITY), false);
  });

  it('accepts read-only headers without any x-user-*: nothing in them to trust', async () => {
    const { headers } = await fetch(`${base}/clean`);
    assert.equal(overwriteIdentity(headers, IDENTITY), true);
  });
});
