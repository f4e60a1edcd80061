import { access, constants } from 'node:fs/promises';
import parseHocon from '@pushcorn/hocon-parser';
import { JwtSecretError } from './errors.js';

export interface LoadJwtSecretOptions {
  /** Environment to read `AUTH_JWT_SECRET` / `AUTH_CONF_PATH` from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Texera's `auth.conf`; defaults to `env.AUTH_CONF_PATH`. */
  authConfPath?: string;
}

const ENV_SECRET = 'AUTH_JWT_SECRET';
const ENV_CONF_PATH = 'AUTH_CONF_PATH';
const SECRET_KEY = 'auth.jwt.256-bit-secret';

/**
 * The HS256 secret Texera signs with, resolved the way Texera's AuthConfig does: a non-empty
 * `AUTH_JWT_SECRET` wins, else `auth.jwt.256-bit-secret` from auth.conf (HOCON, with
 * `${?AUTH_JWT_SECRET}`-style substitutions resolved against `env`), as written: the
 * verifier derives the key (lowercasing it, as Texera does) in `texeraKeyBytes`.
 * Rejects with JwtSecretError; no message ever contains the secret.
 */
export async function loadJwtSecret(options: LoadJwtSecretOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const fromEnv = env[ENV_SECRET];
  if (fromEnv !== undefined && fromEnv !== '') return usable(fromEnv, `env ${ENV_SECRET}`);

  const path = options.authConfPath ?? env[ENV_CONF_PATH];
  if (!path) {
    throw new JwtSecretError(
      'unset',
      `no JWT secret: set ${ENV_SECRET}, or ${ENV_CONF_PATH} to Texera's auth.conf (key ${SECRET_KEY})`,
    );
  }
  const value = await readSecretFromConf(path, env);
  return usable(value, `${SECRET_KEY} in ${path}`);
}

async function readSecretFromConf(
  path: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new JwtSecretError('file', `cannot read ${path} (looking for key ${SECRET_KEY})`);
  }
  let config: unknown;
  try {
    // An empty AUTH_JWT_SECRET counts as unset here too, so the file's default applies.
    const scope = Object.fromEntries(
      Object.entries(env).filter(
        ([name, value]) => value !== undefined && !(name === ENV_SECRET && value === ''),
      ),
    );
    config = await parseHocon({ url: path, strict: true, env: false, scope });
  } catch (error) {
    // The parser quotes the offending token, which may be the secret: keep only its position.
    const at = /line: (\d+), col: (\d+)/.exec(String(error));
    const where = at ? ` at line ${at[1]}, column ${at[2]}` : '';
    throw new JwtSecretError('parse', `${path} is not valid HOCON${where} (key ${SECRET_KEY})`);
  }
  const value = lookup(config, SECRET_KEY.split('.'));
  if (value === undefined || value === null) {
    throw new JwtSecretError('key', `${path} has no key ${SECRET_KEY}`);
  }
  if (typeof value === 'string') return value;
  // The parser turns unquoted numbers into JS numbers; only integers survive that exactly.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new JwtSecretError('key', `${SECRET_KEY} in ${path} is not a string (quote it)`);
}

function lookup(config: unknown, keys: string[]): unknown {
  let node = config;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function usable(secret: string, source: string): string {
  if (secret.trim() === '') throw new JwtSecretError('empty', `${source} is empty`);
  // Texera compares the lowercased value with "random"; any case of it means the same.
  if (/^random$/i.test(secret)) {
    throw new JwtSecretError(
      'random',
      `${source} is "random": Texera then draws a new secret inside each JVM at startup, which ` +
        'no other service can know, so the agent-service could never verify its tokens. ' +
        `Set the same fixed secret (e.g. ${ENV_SECRET}) for Texera and the agent-service.`,
    );
  }
  return secret;
}
