// `npm test` must leave a checkout as it found it: `git status --porcelain` is read before and
// after the run, and any difference fails the run.
import { spawnSync } from 'node:child_process';

/** `git status --porcelain` lines, or null when `cwd` is not a git checkout (or git is absent). */
export function treeStatus(cwd) {
  const run = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd,
    encoding: 'utf8',
  });
  if (run.error || run.status !== 0) return null;
  return run.stdout.split('\n').filter(Boolean).sort();
}

/** The status lines that appeared or went away between `before` and `after`. */
export function treeChanges(before, after) {
  const was = new Set(before);
  const is = new Set(after);
  return [
    ...after.filter((line) => !was.has(line)).map((line) => `+ ${line}`),
    ...before.filter((line) => !is.has(line)).map((line) => `- ${line}`),
  ];
}
