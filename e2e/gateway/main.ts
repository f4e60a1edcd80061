// `npm run gateway` (and `npm start`): the three servers on loopback. PORT (gateway), STATIC_DIR,
// the secret from AUTH_JWT_SECRET / AUTH_CONF_PATH like the agent-service itself, and
// GATEWAY_DEV_TOKENS (0 or 1; by default on only with Texera's development secret).
import { JwtSecretError, loadJwtSecret } from '../../projects/agent-service-auth/src/index.js';
import { TEXERA_DEV_SECRET } from '../../tools/test-support/mint-token.js';
import { startStack } from './stack.js';

async function secretFromEnvironment(): Promise<{ secret: string; development: boolean }> {
  try {
    return { secret: await loadJwtSecret(), development: false };
  } catch (error) {
    if (!(error instanceof JwtSecretError) || error.code !== 'unset') throw error;
    // The one warning of this mode: loadJwtSecret's own (for a configured public secret) cannot
    // fire too, as nothing was configured.
    console.warn(
      "warning: neither AUTH_JWT_SECRET nor AUTH_CONF_PATH is set; using Texera's public development secret (auth.conf default), for local development only",
    );
    return { secret: TEXERA_DEV_SECRET, development: true };
  }
}

/**
 * POST /dev/token mints any role for whoever can reach the gateway: fine with the public
 * development secret, never by default with a real one (GATEWAY_DEV_TOKENS=1 forces it).
 */
function devTokensFromEnvironment(developmentSecret: boolean): boolean {
  const flag = process.env['GATEWAY_DEV_TOKENS'];
  return flag === '1' || (flag !== '0' && developmentSecret);
}

function portFromEnvironment(): number {
  const raw = process.env['PORT'] ?? '0';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${JSON.stringify(raw)}`);
  return port;
}

async function main(): Promise<void> {
  const { secret, development } = await secretFromEnvironment();
  const stack = await startStack({
    port: portFromEnvironment(),
    secret,
    staticDir: process.env['STATIC_DIR'] || undefined,
    devTokens: devTokensFromEnvironment(development),
    log: (line) => console.log(line),
  });
  console.log(`gateway listening on ${stack.url}`);
  const stop = () => {
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
