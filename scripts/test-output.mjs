// Reads what each runner `npm test` uses printed (node --test's TAP, Karma, Vitest, Playwright's
// list reporter) into counts and failures, so a suite can be summed up in one line and a failing
// one shows its failing tests without the whole log. Pure functions of the output text.

// Runners colour their output; everything is read from the plain text.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export const plain = (output) => output.replace(ANSI, '').replace(/\r(?!\n)/g, '\n');

const lastMatch = (text, re) => {
  const all = [...text.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))];
  return all.at(-1) ?? null;
};
const num = (match, group = 1) => Number(match?.[group] ?? 0);

/**
 * { passed, failed, skipped } as the runner's own summary says, or null when the output holds
 * no summary this file knows (a build error, a runner that counts nothing).
 */
export function testCounts(output) {
  const text = plain(output);
  // node --test (TAP): "# pass 3" ... at the end.
  const pass = lastMatch(text, /^# pass (\d+)$/m);
  if (pass) {
    return {
      passed: num(pass),
      failed:
        num(lastMatch(text, /^# fail (\d+)$/m)) + num(lastMatch(text, /^# cancelled (\d+)$/m)),
      skipped: num(lastMatch(text, /^# skipped (\d+)$/m)) + num(lastMatch(text, /^# todo (\d+)$/m)),
    };
  }
  // Karma: "Executed 474 of 476 (1 FAILED) (skipped 2) SUCCESS|ERROR (...)".
  const karma = lastMatch(text, /Executed (\d+) of (\d+)( \((\d+) FAILED\))?( \(skipped (\d+)\))?/);
  if (karma) {
    const failed = num(karma, 4);
    return { passed: num(karma) - failed, failed, skipped: num(karma, 6) };
  }
  // Vitest: "Tests  1 failed | 40 passed | 2 skipped (43)".
  const vitest = lastMatch(text, /^\s*Tests\s+(.*)\(\d+\)\s*$/m);
  if (vitest) {
    const part = (word) => num(new RegExp(`(\\d+) ${word}\\b`).exec(vitest[1]));
    return {
      passed: part('passed'),
      failed: part('failed'),
      skipped: part('skipped') + part('todo'),
    };
  }
  // Playwright (list reporter): "  29 passed (3.1m)", "  2 failed", "  1 flaky", "  1 skipped".
  const passed = lastMatch(text, /^\s+(\d+) passed \(/m);
  const failedPw = lastMatch(text, /^\s+(\d+) failed$/m);
  if (passed || failedPw) {
    const count = (word) => num(lastMatch(text, new RegExp(`^\\s+(\\d+) ${word}$`, 'm')));
    return {
      passed: num(passed),
      failed: num(failedPw) + count('flaky') + count('interrupted') + count('did not run'),
      skipped: count('skipped'),
    };
  }
  return null;
}

/** Up to `lines` lines of a failure message: the first non-empty ones, trimmed. */
function message(lines, max = 3) {
  return lines
    .map((line) => line.trim())
    .filter((line) => /\w/.test(line) && !/^(at |❯ |\+ actual - expected$)/.test(line))
    .slice(0, max)
    .join(' | ');
}

/** node --test TAP: every `not ok` test that failed itself (not a file failing for its tests). */
function tapFailures(lines) {
  const found = [];
  lines.forEach((line, i) => {
    const head = /^(\s*)not ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (!head) return;
    const indent = head[1].length + 2;
    const block = [];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j];
      if (next.trim() && next.search(/\S/) < indent) break;
      block.push(next);
    }
    const yaml = block.join('\n');
    if (/failureType: '(subtestsFailed|cancelledByParent)'/.test(yaml)) return;
    const start = block.findIndex((l) => /^\s*error: /.test(l));
    let text = '';
    if (start >= 0) {
      const inline = /^\s*error: (?!\|)['"]?(.*?)['"]?$/.exec(block[start]);
      if (inline) text = inline[1];
      else {
        const errorIndent = block[start].search(/\S/);
        const body = [];
        for (const next of block.slice(start + 1)) {
          if (next.trim() && next.search(/\S/) <= errorIndent) break;
          body.push(next);
        }
        text = message(body);
      }
    }
    found.push({ name: head[2], message: text });
  });
  return found;
}

/** Karma: "<browser> (<os>) <suite> <spec> FAILED" and its tab-indented message lines. */
function karmaFailures(lines) {
  const found = [];
  lines.forEach((line, i) => {
    const head = /^\S.*? \([^)]*\) (.+) FAILED$/.exec(line);
    if (!head || /Executed \d+ of/.test(line)) return;
    const body = [];
    for (let j = i + 1; j < lines.length && /^\s/.test(lines[j]); j++) body.push(lines[j]);
    found.push({ name: head[1], message: message(body) });
  });
  return found;
}

/** Vitest: " FAIL  file > suite > test" followed by the error line. */
function vitestFailures(lines) {
  const found = [];
  const seen = new Set();
  lines.forEach((line, i) => {
    const head = /^\s*FAIL\s+(.+ > .+?)\s*$/.exec(line);
    if (!head || seen.has(head[1])) return;
    seen.add(head[1]);
    const body = [];
    // The error's own lines: up to the first blank line after them.
    for (let j = i + 1; j < lines.length && !/^\s*(FAIL\s|⎯)/.test(lines[j]); j++) {
      if (!lines[j].trim() && body.length) break;
      body.push(lines[j]);
    }
    found.push({ name: head[1], message: message(body, 2) });
  });
  return found;
}

/** Playwright's list reporter: "  1) [project] › file:line › title ───" and its Error lines. */
function playwrightFailures(lines) {
  const found = [];
  lines.forEach((line, i) => {
    const head = /^\s+\d+\) (\[.+?\] › .+?)\s*─*$/.exec(line);
    if (!head) return;
    const body = [];
    for (let j = i + 1; j < lines.length && !/^\s+\d+\) \[/.test(lines[j]); j++) {
      if (/^\s+(Error|TimeoutError|Expected|Received|Call log|Timeout)/.test(lines[j])) {
        body.push(lines[j]);
      }
    }
    found.push({ name: head[1], message: message(body, 3) });
  });
  return found;
}

/** [{ name, message }] for every failing test the output names, whichever runner wrote it. */
export function testFailures(output) {
  const lines = plain(output).split('\n');
  return [
    ...tapFailures(lines),
    ...karmaFailures(lines),
    ...vitestFailures(lines),
    ...playwrightFailures(lines),
  ];
}

/** The last `count` non-empty lines: what a failure without named tests shows. */
export function tail(output, count = 15) {
  return plain(output)
    .split('\n')
    .filter((line) => line.trim())
    .slice(-count);
}
