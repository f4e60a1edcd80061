// `npm run gateway` as a process: the ready line, the secret sources, and a clean stop.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { mintToken, TEXERA_DEV_SECRET } from '../index.js';
import { bearer, send } from '../../../tools/test-support/http.js';

const MAIN = resolve(__dirname, '../main.ts');
/** Mixed case on purpose: the key is the lowercased secret. */
const SECRET = 'Main-Test-Secret-0123456789ABCDEF';
const READY = /^gateway listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;

interface Started {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
}

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const { AUTH_JWT_SECRET: _s, AUTH_CONF_PATH: _c, PORT: _p, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Only a bound for a hung start: the ready line, or the process exiting, ends the wait first. */
const START_BOUND_MS = 120_000;

/** Resolves on the ready line; rejects with the output when the process exits first. */
async function start(env: Record<string, string>): Promise<Started> {
  const { child, output } = launch(env);
  const ready = await new Promise<RegExpExecArray | null>((resolve) => {
    const check = () => {
      const line = READY.exec(output());
      if (line) done(line);
    };
    const exited = () => done(READY.exec(output()));
    const timer = setTimeout(() => done(null), START_BOUND_MS);
    function done(line: RegExpExecArray | null) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exited);
      resolve(line);
    }
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', exited);
    check();
  });
  if (ready) return { child, output, url: ready[1], port: Number(ready[2]) };
  child.kill('SIGKILL');
  throw new Error(`gateway did not start: ${output()}`);
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

/** How many warning lines the gateway printed. */
const warnings = (output: string) =>
  output.split('\n').filter((line) => /warning/i.test(line)).length;

/** POST /dev/token as the demo sends it (JSON; Host is the gateway's own 127.0.0.1:port). */
const devToken = (url: string, body: string) =>
  send(`${url}/dev/token`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

describe('npm run gateway (e2e/gateway/main.ts)', () => {
  it('uses PORT and AUTH_JWT_SECRET, honours GATEWAY_DEV_TOKENS=0, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const gw = await start({
      PORT: String(port),
      AUTH_JWT_SECRET: SECRET,
      GATEWAY_DEV_TOKENS: '0',
    });
    try {
      assert.equal(gw.port, port);
      assert.doesNotMatch(gw.output(), /warning/);
      const token = await mintToken(SECRET.toLowerCase(), { role: 'REGULAR' });
      assert.equal((await send(`${gw.url}/api/agents`, { headers: bearer(token) })).status, 200);
      assert.equal((await devToken(gw.url, '{"role":"ADMIN"}')).status, 404);
      assert.ok(!gw.output().includes(token), 'the token reached stdout');
    } finally {
      assert.equal(await stop(gw.child, 'SIGTERM'), 0);
    }
  });

  it('keeps POST /dev/token off with a real secret unless GATEWAY_DEV_TOKENS=1', async () => {
    for (const [flag, status] of [
      [undefined, 404],
      ['1', 200],
    ] as const) {
      const gw = await start({
        AUTH_JWT_SECRET: SECRET,
        ...(flag ? { GATEWAY_DEV_TOKENS: flag } : {}),
      });
      try {
        const res = await devToken(gw.url, '{"role":"ADMIN"}');
        assert.equal(res.status, status, `GATEWAY_DEV_TOKENS=${flag ?? '(unset)'}`);
      } finally {
        assert.equal(await stop(gw.child, 'SIGTERM'), 0);
      }
    }
  });

  it("falls back to Texera's development secret with a warning, and exits 0 on SIGINT", async () => {
    const gw = await start({});
    try {
      assert.match(gw.output(), /warning: .*development secret/);
      assert.equal(warnings(gw.output()), 1, 'one warning, not two');
      const res = await devToken(gw.url, '{"role":"REGULAR"}');
      const { token } = JSON.parse(res.body) as { token: string };
      assert.equal((await send(`${gw.url}/api/agents`, { headers: bearer(token) })).status, 200);
      const texera = await mintToken(TEXERA_DEV_SECRET, { role: 'ADMIN' });
      assert.equal((await send(`${gw.url}/api/agents`, { headers: bearer(texera) })).status, 200);
    } finally {
      assert.equal(await stop(gw.child, 'SIGINT'), 0);
    }
  });

  it("warns once when AUTH_JWT_SECRET is Texera's public default (any case), never printing it", async () => {
    const gw = await start({ AUTH_JWT_SECRET: TEXERA_DEV_SECRET.toUpperCase() });
    try {
      assert.match(gw.output(), /AUTH_JWT_SECRET is Texera's public development secret/);
      assert.equal(warnings(gw.output()), 1);
      assert.doesNotMatch(gw.output(), new RegExp(TEXERA_DEV_SECRET, 'i'));
      const texera = await mintToken(TEXERA_DEV_SECRET, { role: 'REGULAR' });
      assert.equal((await send(`${gw.url}/api/agents`, { headers: bearer(texera) })).status, 200);
    } finally {
      assert.equal(await stop(gw.child, 'SIGTERM'), 0);
    }
  });

  it('refuses to start on a secret shorter than 32 characters, naming where it came from', async () => {
    const { child, output } = launch({ AUTH_JWT_SECRET: 'Short-Leaky-Value' });
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(output(), /AUTH_JWT_SECRET is shorter than 32 characters/);
    assert.doesNotMatch(output(), /short-leaky-value|listening/i);
  });

  it('refuses to start on a random secret, explaining why, without printing the value', async () => {
    const { child, output } = launch({ AUTH_JWT_SECRET: 'RANDOM' });
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(output(), /JVM/);
    assert.doesNotMatch(output(), /RANDOM|listening/);
  });
});
