// `npm run build:server`: @texera/agent-service-auth as it is published, in dist/agent-service-auth:
// a clean tsc build (no file left from an older one), its package.json, README and LICENSE (the
// Apache License text the library ships too, kept once in projects/agent-auth/LICENSE).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = `${root}projects/agent-service-auth`;
const out = `${root}dist/agent-service-auth`;

rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', project], {
  stdio: 'inherit',
});
copyFileSync(`${project}/package.json`, `${out}/package.json`);
copyFileSync(`${project}/README.md`, `${out}/README.md`);
copyFileSync(`${root}projects/agent-auth/LICENSE`, `${out}/LICENSE`);
console.log(`build-server: ${out.slice(root.length)}`);
