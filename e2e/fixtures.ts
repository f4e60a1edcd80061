import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { test as base } from '@playwright/test';

import { startStack } from './gateway/index';
import { startNginxStack } from './nginx-stack';
import { Traffic } from './traffic';

/**
 * The demo builds, by what they register next to the library: Texera's wiring (angular-jwt too),
 * or the library alone (`ng build demo -c production,no-angular-jwt`). `npm run e2e` builds both.
 */
export type DemoBuild = 'angular-jwt' | 'no-angular-jwt';
export const DEMO_DIRS: Record<DemoBuild, string> = {
  'angular-jwt': join(__dirname, '..', 'dist', 'demo', 'browser'),
  'no-angular-jwt': join(__dirname, '..', 'dist', 'demo-no-angular-jwt', 'browser'),
};

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
  demoBuild: DemoBuild;
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
  demoBuild: ['angular-jwt', { option: true }],

  stack: async ({ front, agentCloseAtExpiry, demoBuild }, use) => {
    const start = STARTERS[front];
    if (!start)
      throw new Error(`front "${front}" is not wired: add it to STARTERS in e2e/fixtures.ts`);
    const demoDir = DEMO_DIRS[demoBuild];
    if (!existsSync(join(demoDir, 'index.html'))) {
      throw new Error(`no built demo in ${demoDir}: run "npm run e2e", which builds it`);
    }
    const stack = await start({ port: 0, staticDir: demoDir, closeAtExpiry: agentCloseAtExpiry });
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
