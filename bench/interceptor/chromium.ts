import { readFile } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

import { chromium } from 'playwright';

import type { RoundsOptions, RoundsResult } from '../lib/rounds';

const require = createRequire(import.meta.url);
const { chromiumPath, chromiumArgs } = require('../../scripts/chromium.cjs') as {
  chromiumPath(): string | null;
  chromiumArgs: string[];
};

const PAGE = `<!doctype html><html><head><base href="/"><title>agent-auth bench</title>
<script type="module">
  import { runInterceptorBench } from '/interceptor-bench.mjs';
  window.agentAuthBench = (options) => runInterceptorBench({ ...options, document });
  document.title = 'ready';
</script></head><body></body></html>`;

export interface ChromiumRun {
  version: string;
  results: RoundsResult[];
}

/** Loads the bundle into a page served on loopback and runs the same cases there. */
export async function runInChromium(
  bundle: string,
  token: string,
  options: RoundsOptions,
): Promise<ChromiumRun> {
  const script = await readFile(bundle);
  const server = createServer((req, res) => {
    if (req.url === '/interceptor-bench.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found (set CHROME_BIN)');
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/agents/`);
    await page
      .waitForFunction(() => document.title === 'ready' || undefined, null, {
        timeout: 30_000,
      })
      .catch(() => {
        throw new Error(`bench page did not load: ${errors.join('; ') || 'no error reported'}`);
      });
    const results = await page.evaluate(
      (args) =>
        (
          window as unknown as {
            agentAuthBench(o: typeof args): Promise<RoundsResult[]>;
          }
        ).agentAuthBench(args),
      { token, ...options },
    );
    return { version: browser.version(), results };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
