// `npm start`: build the library and the demo, then serve it through `npm run gateway`'s own entry
// point, so the secret (AUTH_JWT_SECRET / AUTH_CONF_PATH), /dev/token and the ready line work
// exactly as there.
// Ctrl-C (or SIGTERM) closes the gateway and its stubs before exiting.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(cmd, args, env = process.env) {
  return spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
}

// build:demo packs the library first: the demo consumes the installed tarball, as users do.
const build = run('npm', ['run', 'build:demo']);
build.on('close', (code) => {
  if (code !== 0) {
    console.error(`npm run build:demo exited with ${code}`);
    process.exit(1);
  }
  const gateway = run(process.execPath, ['--import', 'tsx', 'e2e/gateway/main.ts'], {
    ...process.env,
    PORT: process.env.PORT || '4200',
    STATIC_DIR: fileURLToPath(new URL('../dist/demo/browser', import.meta.url)),
  });
  // The terminal's Ctrl-C reaches both processes; a SIGTERM to this one is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => gateway.kill('SIGTERM'));
  gateway.on('close', (exit) => process.exit(exit ?? 1));
});
