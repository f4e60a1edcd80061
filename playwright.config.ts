import { defineConfig } from '@playwright/test';

import type { FrontOptions } from './e2e/fixtures';
import { chromiumArgs, chromiumPath } from './scripts/chromium.cjs';

// Playwright's own browser download cannot work here; the machine's Chromium is the browser.
const executablePath = chromiumPath();
if (!executablePath) {
  throw new Error('No Chromium found: install the chromium package or set CHROME_BIN.');
}

export default defineConfig<FrontOptions>({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  // Every test starts its own stack; one browser at a time on a shared 2-core machine.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  // Bounds, not waits: every step waits for its event, and these only cap a step that never
  // comes. Generous, so a machine with no spare CPU (npm run e2e:soak) is slow but green.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  // Playwright empties its outputDir when it starts; the suites' logs live beside it.
  outputDir: 'test-results/playwright',
  use: {
    headless: true,
    launchOptions: { executablePath, args: chromiumArgs },
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    { name: 'gateway', use: { front: 'gateway', demoBuild: 'angular-jwt' } },
    // The same browser scenarios through a real nginx with deploy/nginx's auth_request config.
    { name: 'nginx', grepInvert: /scenario 9:/, use: { front: 'nginx', demoBuild: 'angular-jwt' } },
    // Scenario 1 on a demo build without angular-jwt: the agent calls' Bearer is the library's.
    {
      name: 'gateway-no-angular-jwt',
      grep: /scenario 1:/,
      use: { front: 'gateway', demoBuild: 'no-angular-jwt' },
    },
  ],
});
