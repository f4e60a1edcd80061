import { access, constants } from 'node:fs/promises';
import { JwtSecretError } from './errors.js';
import { isShortSecret, isTexeraDevSecret, SHORT_SECRET_REASON } from './texera-key.js';

export interface LoadJwtSecretOptions {
  /** Environment to read `AUTH_JWT_SECRET` / `AUTH_CONF_PATH` from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Texera's `auth.conf`; defaults to `env.AUTH_CONF_PATH`. */
  authConfPath?: string;
  /**
   * Where the warning about Texera's public development secret goes; defaults to console.warn.
   * Each sink hears it once per process, however often the secret is loaded.
   */
  warn?: (message: string) => void;
}

type Warn = NonNullable<LoadJwtSecretOptions['warn']>;

const ENV_SECRET = 'AUTH_JWT_SECRET';
const ENV_CONF_PATH = 'AUTH_CONF_PATH';
const SECRET_KEY = 'auth.jwt.256-bit-secret';
const HOCON_PARSER: string = '@pushcorn/hocon-parser';

type HoconParse = typeof import('@pushcorn/hocon-parser').default;

/**
 * The HS256 secret Texera signs with, resolved the way Texera's AuthConfig does: a non-empty
 * `AUTH_JWT_SECRET` wins, else `auth.jwt.256-bit-secret` from auth.conf (HOCON, with
 * `${?AUTH_JWT_SECRET}`-style substitutions resolved against `env`), as written: the
 * verifier derives the key (lowercasing it, as Texera does) in `texeraKeyBytes`.
 * Rejects with JwtSecretError (`random`, shorter than 32 characters, unreadable, ...); warns
 * when it is Texera's public development secret. No message ever contains the secret.
 */
export async function loadJwtSecret(options: LoadJwtSecretOptions = {}): Promise<string> {
  const { secret, source } = await findSecret(options.env ?? process.env, options.authConfPath);
  usable(secret, source);
  if (isTexeraDevSecret(secret))
    warnOnce(options.warn ?? console.warn, publicSecretWarning(source));
  return secret;
}

/** The configured secret and where it came from (for messages), Texera's way round. */
async function findSecret(
  env: Record<string, string | undefined>,
  authConfPath: string | undefined,
): Promise<{ secret: string; source: string }> {
  const fromEnv = env[ENV_SECRET];
  if (fromEnv !== undefined && fromEnv !== '')
    return { secret: fromEnv, source: `env ${ENV_SECRET}` };
  const path = authConfPath ?? env[ENV_CONF_PATH];
  if (!path) {
    throw new JwtSecretError(
      'unset',
      `no JWT secret: set ${ENV_SECRET}, or ${ENV_CONF_PATH} to Texera's auth.conf (key ${SECRET_KEY})`,
    );
  }
  return { secret: await readSecretFromConf(path, env), source: `${SECRET_KEY} in ${path}` };
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
  const parseHocon = await hoconParser();
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

/**
 * `@pushcorn/hocon-parser`, an optional peer dependency: only a service that reads auth.conf
 * (rather than AUTH_JWT_SECRET) needs it, so it is loaded here, when a file is read.
 */
async function hoconParser(): Promise<HoconParse> {
  try {
    // Not a literal: Bun resolves a literal dynamic import when it loads the importing module
    // (under `bun test` a missing one fails that load), which would make the peer required.
    const module = (await import(HOCON_PARSER)) as { default: HoconParse };
    return module.default;
  } catch {
    throw new JwtSecretError(
      'parser',
      `reading ${SECRET_KEY} from auth.conf needs the optional peer dependency ` +
        `${HOCON_PARSER}: install it, or set ${ENV_SECRET} instead`,
    );
  }
}

function lookup(config: unknown, keys: string[]): unknown {
  let node = config;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Throws when the secret cannot be used; the checks run in the order their advice matters. */
function usable(secret: string, source: string): void {
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
  if (isShortSecret(secret)) {
    throw new JwtSecretError(
      'short',
      `${source} is ${SHORT_SECRET_REASON}. Set the same longer secret for Texera and the agent-service.`,
    );
  }
}

function publicSecretWarning(source: string): string {
  return (
    `agent-service-auth: warning: ${source} is Texera's public development secret (the ` +
    'auth.conf default): anyone can sign tokens with it. Outside local development, set a ' +
    `secret of your own (e.g. ${ENV_SECRET}), the same for Texera and the agent-service.`
  );
}

/** The sinks already warned: a long-running process loading the secret again is told once. */
const warned = new WeakSet<Warn>();

function warnOnce(warn: Warn, message: string): void {
  if (warned.has(warn)) return;
  warned.add(warn);
  warn(message);
}
