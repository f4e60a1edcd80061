import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { test as base } from '@playwright/test';

import { startStack } from './gateway/index';
import { startNginxStack } from './nginx-stack';
import { Traffic } from './traffic';

/** What the built demo is served from; `npm run e2e` builds it first. */
export const DEMO_DIR = join(__dirname, '..', 'dist', 'demo', 'browser');

export type Stack = Awaited<ReturnType<typeof startStack>>;
type StartStack = (opts: {
  port: number;
  staticDir: string;
  closeAtExpiry: boolean;
}) => Promise<Stack>;

/** Which front serves the demo and guards `/api/agents`. Each must return startStack's shape. */
export type Front = 'gateway' | 'nginx';
const STARTERS: Partial<Record<Front, StartStack>> = {
  gateway: startStack,
  nginx: startNginxStack,
};

export interface FrontOptions {
  front: Front;
  /**
   * The agent-service's own 4401 close at the token's exp (default true). `test.use({
   * agentCloseAtExpiry: false })` leaves closing an expired chat to the client library alone.
   */
  agentCloseAtExpiry: boolean;
}

interface Fixtures {
  /** A fresh stack per test, on a free loopback port, closed when the test ends. */
  stack: Stack;
  /** Every request, WebSocket and main-frame navigation the page makes. */
  traffic: Traffic;
}

export const test = base.extend<FrontOptions & Fixtures>({
  front: ['gateway', { option: true }],
  agentCloseAtExpiry: [true, { option: true }],

  stack: async ({ front, agentCloseAtExpiry }, use) => {
    const start = STARTERS[front];
    if (!start)
      throw new Error(`front "${front}" is not wired: add it to STARTERS in e2e/fixtures.ts`);
    if (!existsSync(join(DEMO_DIR, 'index.html'))) {
      throw new Error(`no built demo in ${DEMO_DIR}: run "npx ng build demo" (npm run e2e does)`);
    }
    const stack = await start({ port: 0, staticDir: DEMO_DIR, closeAtExpiry: agentCloseAtExpiry });
    try {
      await use(stack);
    } finally {
      await stack.close();
    }
  },

  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },

  traffic: async ({ page, stack }, use) => {
    await use(new Traffic(page, stack.url));
  },
});

export { expect } from '@playwright/test';
