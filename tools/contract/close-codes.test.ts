// The library and the agent-service must mean the same thing by a close code: the library's rules
// turn the server's closes into 401/403, so a renamed or renumbered code on either side would make
// an auth refusal look like a network error (and be probed, or ignored).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as clientCodes from '../../projects/agent-auth/src/lib/socket/close-codes';
import { closeVerdict } from '../../projects/agent-auth/src/lib/socket/close-rules';
import * as serverCodes from '../../projects/agent-service-auth/src/close-codes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Source files under `folder` (tests and specs included: they must name codes too). */
function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.includes('close-codes'))
    .map((name) => join(folder, name));
}

describe('close codes: one name and value per meaning in both packages', () => {
  it('every code the server closes with exists in the library under the same name and value', () => {
    for (const [name, value] of Object.entries(serverCodes)) {
      assert.equal((clientCodes as Record<string, unknown>)[name], value, name);
    }
    assert.deepEqual(Object.keys(serverCodes).sort(), ['CLOSE_FORBIDDEN', 'CLOSE_UNAUTHENTICATED']);
  });

  it("the library's close rules read the server's closes as 401 and 403, on an open socket and before it opened", () => {
    for (const opened of [true, false]) {
      assert.equal(closeVerdict(serverCodes.CLOSE_UNAUTHENTICATED, opened, false), 'rejected');
      assert.equal(closeVerdict(serverCodes.CLOSE_FORBIDDEN, opened, false), 'forbidden');
    }
    // And a code that is neither is not read as an auth refusal once the socket had opened.
    assert.equal(closeVerdict(1000, true, false), 'none');
  });

  it('no source writes a close code as a bare number: every 4401/4403 goes through the named constant', () => {
    const folders = [
      'projects/agent-auth/src',
      'projects/agent-auth/rxjs',
      'projects/agent-auth/testing/src',
      'projects/agent-service-auth/src',
      'projects/demo/src',
      'e2e/gateway',
    ];
    const literal =
      /\.close\(\s*(4401|4403)\b|code\s*===?\s*(4401|4403)\b|(4401|4403)\s*===?\s*\w*code/i;
    const offenders = folders
      .flatMap(sources)
      .filter((file) => !/\.(spec|test)\.ts$|spec-helper/.test(file))
      .filter((file) => literal.test(readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
