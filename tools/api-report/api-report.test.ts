// `npm test` fails when a package's public surface changes without its API report: each entry
// point as built is compared with projects/<package>/api/<entry>.api.md.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

// @ts-expect-error: a plain .mjs tool, shared with the `api:check` / `api:update` scripts.
import { PACKAGES, checkEntry, ensureBuilt, entryPoints } from './api-report.mjs';

interface Entry {
  subpath: string;
  report: string;
}

for (const pkg of PACKAGES as { name: string }[]) {
  describe(`@texera/${pkg.name}`, () => {
    ensureBuilt(pkg);
    for (const entry of entryPoints(pkg) as Entry[]) {
      test(`${entry.subpath} matches projects/${pkg.name}/api/${entry.report}`, () => {
        const { changed, messages } = checkEntry(pkg, entry) as {
          changed: boolean;
          messages: string[];
        };
        assert.equal(
          changed,
          false,
          `the public API of ${entry.subpath} changed; review it, then run \`npm run api:update\`\n${messages.join('\n')}`,
        );
      });
    }
  });
}
