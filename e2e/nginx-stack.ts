// A real nginx running deploy/nginx/'s auth_request config in front of the gateway issue's
// access-control and agent-service stubs: the same shape as `startStack`, so every test and
// browser scenario can run through nginx instead of the Envoy-faithful gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  startAccessControl,
  startAgentService,
  startGateway,
  type ElysiaRuntime,
  type LogFn,
  type RunningServer,
  type RunningStack,
} from './gateway/index';

const REPO = resolve(__dirname, '..');
const CONFIG_DIR = join(REPO, 'deploy', 'nginx');

export interface NginxStackOptions {
  /** nginx's port; 0 or absent = a free port. The stubs always take free ports. */
  port?: number;
  /** Default: a fresh random secret. */
  secret?: string;
  /** A built SPA (the demo) that nginx serves for every other path, index.html as fallback. */
  staticDir?: string;
  log?: LogFn;
  /** Where the agent-service stub runs: `bun` (default, as Texera) or `node` (in this process). */
  agentRuntime?: ElysiaRuntime;
  /** The agent-service's own 4401 close at the token's exp (default true). */
  closeAtExpiry?: boolean;
}

export interface RunningNginx {
  pid: number;
  /** The temporary `-p` prefix holding the config, pid, temp files and logs. */
  prefix: string;
  accessLog(): string;
  errorLog(): string;
}

export type RunningNginxStack = RunningStack & { nginx: RunningNginx };

/**
 * deploy/nginx's two files with the stubs' loopback addresses and log paths put in. Each
 * replaced text must occur exactly once, so a change to the config cannot silently escape it.
 */
export function renderNginxConfig(
  file: 'agent-auth.http.conf' | 'agent-auth.server.conf',
  replacements: Record<string, string>,
): string {
  let text = readFileSync(join(CONFIG_DIR, file), 'utf8');
  for (const [from, to] of Object.entries(replacements)) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`${file}: "${from}" occurs ${count} times, expected once`);
    text = text.replace(from, to);
  }
  return text;
}

const MIME_TYPES = `types {
        text/html html;
        text/css css;
        text/javascript js mjs;
        application/json json map webmanifest;
        image/svg+xml svg;
        image/png png;
        image/x-icon ico;
        font/woff2 woff2;
        text/plain txt;
    }`;

/** The test-only main config around the two deploy files: a prefix-local nginx on loopback. */
function mainConfig(prefix: string, port: number, devTokenUrl: string, staticDir?: string): string {
  const p = (...parts: string[]) => join(prefix, ...parts);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${p('temp', kind)};`)
    .join('\n');
  const site = staticDir
    ? `location / {\n            root ${resolve(staticDir)};\n            try_files $uri $uri/ /index.html;\n        }`
    : 'location / {\n            return 404;\n        }';
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${p('nginx.pid')};
error_log ${p('logs', 'error.log')} warn;
events {
    worker_connections 256;
}
http {
    ${MIME_TYPES}
    default_type application/octet-stream;
${temp}
    access_log off;
    include ${p('conf', 'agent-auth.http.conf')};
    server {
        listen 127.0.0.1:${port};
        include ${p('conf', 'agent-auth.server.conf')};
        location = /dev/token {
            proxy_pass ${devTokenUrl};
        }
        # The start-up check: only this nginx answers with its own prefix.
        location = ${READY_PATH} {
            access_log off;
            return 200 "${prefix}";
        }
        ${site}
    }
}
`;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

/** nginx's own words when another process took the port between freePort() and its bind. */
const PORT_TAKEN = /bind\(\) to [^ ]+ failed \(98: Address already in use\)/;
/** A port that is free when probed can be taken before nginx binds it: retried on a new one. */
const PORT_ATTEMPTS = 5;

async function findNginx(): Promise<string> {
  // system-deps.mjs is plain JS with no types; loaded at run time and typed here.
  const deps = (await import(pathToFileURL(join(REPO, 'scripts', 'system-deps.mjs')).href)) as {
    nginxPath(): string | null;
  };
  const path = deps.nginxPath();
  if (!path) throw new Error('nginx is required: sudo apt-get install -y nginx (or set NGINX_BIN)');
  return path;
}

/** Where the started nginx answers with its prefix (see mainConfig). */
const READY_PATH = '/.agent-auth-nginx-ready';

/**
 * Does this stack's nginx answer on `url`? Its prefix in the answer tells it from any other
 * server that may hold the port (another test's, after a port race).
 */
function answers(url: string, prefix: string): Promise<boolean> {
  return new Promise((done) => {
    const req = request(`${url}${READY_PATH}`, { timeout: 1000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done(res.statusCode === 200 && body === prefix));
      res.on('error', () => done(false));
    });
    req.on('error', () => done(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Resolves once nginx answers HTTP; rejects with its stderr if it exits first. The deadline is
 * only a bound for a hung start on a machine with no spare CPU; an answer ends the wait.
 */
async function waitUntilUp(
  child: ChildProcess,
  url: string,
  prefix: string,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}): ${stderr().trim()}`);
    if (await answers(url, prefix)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not answer on ${url} within 60 s: ${stderr().trim()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    // TERM is nginx's fast shutdown: open sockets (agent chats) are closed, not waited for.
    child.kill('SIGTERM');
  });
}

/** access-control stub + agent-service stub + a real nginx with deploy/nginx's config. */
export async function startNginxStack({
  port = 0,
  secret = randomBytes(16).toString('hex'),
  staticDir,
  log,
  agentRuntime,
  closeAtExpiry,
}: NginxStackOptions = {}): Promise<RunningNginxStack> {
  const nginxBin = await findNginx();
  const stubLines: string[] = [];
  const collect: LogFn = (line) => {
    stubLines.push(line);
    log?.(line);
  };
  const servers: { close(): Promise<void> }[] = [];
  const prefix = await mkdtemp(join(tmpdir(), 'agent-auth-nginx-'));
  let child: ChildProcess | undefined;
  const closeAll = async () => {
    if (child) await stop(child);
    await Promise.all(servers.map((s) => s.close()));
    await rm(prefix, { recursive: true, force: true });
  };

  try {
    const accessControl = await startAccessControl({ secret, log: collect });
    servers.push(accessControl);
    const agentService = await startAgentService({
      secret,
      log: collect,
      runtime: agentRuntime,
      closeAtExpiry,
    });
    servers.push(agentService);
    // Only its POST /dev/token is used (the demo's login page mints tokens there).
    const gateway: RunningServer = await startGateway({
      authUrl: accessControl.url,
      upstreamUrl: agentService.url,
      devTokenSecret: secret,
      log: collect,
    });
    servers.push(gateway);

    for (const dir of ['conf', 'logs', 'temp']) mkdirSync(join(prefix, dir));
    const logFile = (name: string) => join(prefix, 'logs', name);
    const loopback = (server: RunningServer) => `server 127.0.0.1:${server.port};`;
    await writeFile(
      join(prefix, 'conf', 'agent-auth.http.conf'),
      renderNginxConfig('agent-auth.http.conf', {
        'server access-control-service:9096;': loopback(accessControl),
        'server agent-service:3001;': loopback(agentService),
      }),
    );
    await writeFile(
      join(prefix, 'conf', 'agent-auth.server.conf'),
      renderNginxConfig('agent-auth.server.conf', {
        '/var/log/nginx/access.log': logFile('access.log'),
        '/var/log/nginx/error.log': logFile('error.log'),
      }),
    );
    let url = '';
    for (let attempt = 1; ; attempt++) {
      const nginxPort = port || (await freePort());
      const confPath = join(prefix, 'nginx.conf');
      await writeFile(confPath, mainConfig(prefix, nginxPort, gateway.url, staticDir));
      let stderr = '';
      child = spawn(nginxBin, ['-p', prefix, '-c', confPath, '-g', 'daemon off;'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      url = `http://127.0.0.1:${nginxPort}`;
      try {
        await waitUntilUp(child, url, prefix, () => stderr);
        break;
      } catch (error) {
        await stop(child);
        if (port || attempt === PORT_ATTEMPTS || !PORT_TAKEN.test(stderr)) throw error;
      }
    }

    const read = (name: string) =>
      existsSync(logFile(name)) ? readFileSync(logFile(name), 'utf8') : '';
    const lines = (name: string, tag: string) =>
      read(name)
        .split('\n')
        .filter(Boolean)
        .map((line) => `[${tag}] ${line}`);
    return {
      url,
      secret,
      gateway,
      accessControl,
      agentService,
      // The stubs' lines, then nginx's own logs as they are now (read afresh on every access).
      get logLines() {
        return [
          ...stubLines,
          ...lines('access.log', 'nginx'),
          ...lines('error.log', 'nginx-error'),
        ];
      },
      nginx: {
        pid: child.pid ?? -1,
        prefix,
        accessLog: () => read('access.log'),
        errorLog: () => read('error.log'),
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
