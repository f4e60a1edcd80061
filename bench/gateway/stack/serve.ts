// The servers under load, in a process of their own so that autocannon (in the bench process)
// does not share their event loop. Prints one JSON line (targets and a token), then serves until
// its stdin closes. `--nginx` adds deploy/nginx in front of a second pair of stubs.
// CommonJS (stack/package.json), like e2e/: nginx-stack.ts finds the repo through __dirname.
import { randomBytes } from 'node:crypto';

import { mintToken, startStack } from '../../../e2e/gateway/index';
import { startNginxStack } from '../../../e2e/nginx-stack';

async function main(withNginx: boolean): Promise<void> {
  const secret = randomBytes(24).toString('base64url');
  const stack = await startStack({ secret, devTokens: false });
  const nginx = withNginx ? await startNginxStack({ secret }) : null;
  // The stubs keep every request they saw, for the e2e tests; under load that is only garbage.
  const forget = setInterval(() => {
    stack.agentService.received.length = 0;
    if (nginx) nginx.agentService.received.length = 0;
  }, 250);

  const token = await mintToken(secret, { role: 'REGULAR', ttlSeconds: 3600 });
  const targets: Record<string, string> = {
    'agent-service stub, direct': `${stack.agentService.url}/api/agents`,
    'through e2e/gateway': `${stack.url}/api/agents`,
  };
  if (nginx) targets['through nginx (deploy/nginx)'] = `${nginx.url}/api/agents`;
  process.stdout.write(`${JSON.stringify({ token, targets })}\n`);

  process.stdin.resume();
  process.stdin.on('end', async () => {
    clearInterval(forget);
    await Promise.all([stack.close(), nginx?.close()]);
    process.exit(0);
  });
}

void main(process.argv.includes('--nginx'));
