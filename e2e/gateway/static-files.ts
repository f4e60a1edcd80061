import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendJson } from './http-util.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves a built SPA: the file under `root` when there is one, else index.html for paths that
 * look like app routes (no file extension), so deep links survive a reload. Never leaves `root`.
 */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
  }
  const base = resolve(root);
  let pathname: string;
  try {
    pathname = decodeURIComponent((req.url ?? '/').split(/[?#]/, 1)[0]);
  } catch {
    return sendJson(res, 400, { error: 'bad path' });
  }
  const file = resolve(join(base, pathname));
  if (pathname.includes('\0') || (file !== base && !file.startsWith(base + sep))) {
    return sendJson(res, 404, { error: 'not found' });
  }
  const found = (await isFile(file))
    ? file
    : extname(pathname) === ''
      ? join(base, 'index.html')
      : null;
  if (!found || !(await isFile(found))) return sendJson(res, 404, { error: 'not found' });
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(found)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(found).pipe(res);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
