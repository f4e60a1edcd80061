// Runs one suite as a child process: one line as it starts, its whole output to
// test-results/<log>.log, one summary line as it ends and, when it fails, its failing tests
// (name and message) and the log's path. A skipped test fails the suite.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { skippedCount } from './skipped-tests.mjs';
import { tail, testCounts, testFailures } from './test-output.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOG_DIR = join(ROOT, 'test-results');
const MAX_FAILURES = 15;
const MAX_MESSAGE = 240;

const clip = (text) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text);

/** "474 passed, 0 failed, 0 skipped" or, for a runner that counts nothing, "no test counts". */
export function countsText(counts) {
  return counts
    ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`
    : 'no test counts';
}

/**
 * The suite's verdict from its exit code and output: ok only when it exited 0, its runner
 * reports no failure, and nothing was skipped (or left as todo, or focused away).
 */
export function verdict(code, output) {
  const counts = testCounts(output);
  const skipped = Math.max(skippedCount(output), counts?.skipped ?? 0);
  const ok = code === 0 && skipped === 0 && !(counts?.failed > 0);
  return { ok, counts: counts && { ...counts, skipped }, skipped };
}

/** Lines a failing suite prints under its summary: what failed, then where the full log is. */
export function failureReport(output, code, skipped, logPath) {
  const lines = [];
  const failures = testFailures(output);
  for (const { name, message } of failures.slice(0, MAX_FAILURES)) {
    lines.push(`    x ${clip(name)}`);
    if (message) lines.push(`      ${clip(message)}`);
  }
  if (failures.length > MAX_FAILURES)
    lines.push(`    ... and ${failures.length - MAX_FAILURES} more`);
  if (skipped > 0)
    lines.push(`    ${skipped} skipped or focused test(s): skipped tests fail the run`);
  if (failures.length === 0 && skipped === 0) {
    lines.push(`    exit ${code}; the log ends with:`);
    for (const line of tail(output)) lines.push(`    | ${clip(line)}`);
  }
  lines.push(`    full log: ${logPath}`);
  return lines;
}

/**
 * Runs `suite` ({ name, log, cmd, env }); `label` prefixes its lines (e.g. "[3/11]"); `announce:
 * false` leaves out the start line.
 * Resolves with { ok, counts, seconds }.
 */
export function runSuite(suite, { label = '', say = console.log, announce = true } = {}) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${suite.log}.log`);
  const logPath = relative(process.cwd(), logFile) || logFile;
  const prefix = label ? `${label} ${suite.name}` : suite.name;
  if (announce) say(`${prefix} ...`);
  const started = Date.now();
  return new Promise((resolve) => {
    const [cmd, ...args] = suite.cmd;
    const log = createWriteStream(logFile);
    log.write(`$ ${suite.cmd.join(' ')}\n`);
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...suite.env },
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        log.write(chunk);
      });
    }
    let finished = false;
    const finish = (code) => {
      if (finished) return;
      finished = true;
      const seconds = Math.round((Date.now() - started) / 1000);
      const { ok, counts, skipped } = verdict(code, output);
      log.end(`\n[exit ${code}, ${seconds} s]\n`);
      say(`${prefix}: ${ok ? 'ok' : 'FAILED'}, ${countsText(counts)}, ${seconds} s`);
      if (!ok) for (const line of failureReport(output, code, skipped, logPath)) say(line);
      resolve({ ok, counts, seconds });
    };
    child.on('error', (error) => {
      output += `\n${error.message}\n`;
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? `signal ${signal}`));
  });
}
