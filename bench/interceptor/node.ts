import { pathToFileURL } from 'node:url';

import type { RoundsOptions, RoundsResult } from '../lib/rounds';

const ORIGIN = 'http://127.0.0.1:4200';

/**
 * The parts of `document` that Angular's platform, the library and angular-jwt read, for a page
 * at http://127.0.0.1:4200/agents/ with <base href="/">, like the Chromium run's page.
 */
const pageStandIn = {
  baseURI: `${ORIGIN}/`,
  location: {
    origin: ORIGIN,
    host: '127.0.0.1:4200',
    protocol: 'http:',
    href: `${ORIGIN}/agents/`,
    assign() {
      throw new Error('the bench never navigates');
    },
  },
};

export async function runInNode(
  bundle: string,
  token: string,
  options: RoundsOptions,
): Promise<RoundsResult[]> {
  Object.assign(globalThis, { document: pageStandIn });
  try {
    const { runInterceptorBench } = (await import(pathToFileURL(bundle).href)) as {
      runInterceptorBench(o: RoundsOptions & { token: string }): Promise<RoundsResult[]>;
    };
    return await runInterceptorBench({ token, ...options });
  } finally {
    Reflect.deleteProperty(globalThis, 'document');
  }
}
