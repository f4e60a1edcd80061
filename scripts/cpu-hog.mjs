// A CPU hog for soak runs: one busy-looping process per core, started and stopped by PID by the
// script that uses it, so the suites are proven on a machine with no spare CPU.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Starts `count` (default: one per core) busy loops; returns { pids, stop() }. */
export function startHog(count = availableParallelism()) {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }),
  );
  const stop = () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // Never leave a hog behind: not on a normal exit, nor on Ctrl-C or SIGTERM.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  return { pids: children.map((c) => c.pid), stop };
}
