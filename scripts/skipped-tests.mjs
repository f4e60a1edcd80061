// How many tests a runner's output says it skipped (or left as todo), for every runner `npm test`
// uses. A skipped test must never be counted as passing.

const SKIPPED = [
  /\(skipped (\d+)\)/, // karma
  /^[#ℹ] skipped (\d+)$/m, // node --test
  /^[#ℹ] todo (\d+)$/m,
  /^\s*(\d+) skipped$/m, // playwright
  /^\s*Tests\s.*?\b(\d+) skipped\b/m, // vitest: "Tests  4 passed | 1 skipped | 1 todo (6)"
  /^\s*Tests\s.*?\b(\d+) todo\b/m,
];

// Runners colour their summaries; the counts are read from the plain text.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function skippedCount(output) {
  const text = output.replace(ANSI, '');
  return SKIPPED.map((re) => Number(re.exec(text)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
}
