// `npm start`: build the demo, serve it through the gateway, print the one URL to open.
// Ctrl-C (or SIGTERM) closes the gateway and its stubs before exiting.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));

function readPort(value) {
  if (value === undefined || value === '') return 4200;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a whole number from 1 to 65535, not "${value}".`);
    process.exit(2);
  }
  return port;
}

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['ng', 'build', 'demo'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ng build demo exited with ${code}`)),
    );
  });
}

const port = readPort(process.env.PORT);
try {
  await build();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

const { startStack } = await tsImport('../e2e/gateway/index.ts', import.meta.url);
const stack = await startStack({
  port,
  staticDir: fileURLToPath(new URL('../dist/demo/browser', import.meta.url)),
  // The gateway redacts tokens from its lines; they go to stderr so stdout carries only the URL.
  log: (line) => console.error(line),
});
console.log(`\nagent-auth demo: ${stack.url}  (Ctrl-C stops it)\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await stack.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
