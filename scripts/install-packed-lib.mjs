// The last step of `npm run pack:lib`: the tarball npm would publish, unpacked where `npm install`
// puts it (node_modules/@texera/agent-auth), so the demo, its Vitest specs, the Playwright
// scenarios and the bench resolve it as an app does (its package.json `exports`, its types) and
// import exactly what users install, not the build folder. `npm ci` removes it; pack:lib redoes it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}projects/agent-auth/package.json`, 'utf8'));
const tarball = `${root}dist/texera-agent-auth-${version}.tgz`;
const target = `${root}node_modules/@texera/agent-auth`;

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
// npm tarballs hold everything under "package/".
execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
console.log(`install-packed-lib: ${tarball.slice(root.length)} -> ${target.slice(root.length)}`);
