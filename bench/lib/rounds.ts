// Side-by-side timing: every case runs in the same process, in interleaved rounds (A B C, B C A,
// C A B, ...) so that a slow spell on a shared machine hits all of them, not just one.

export interface TimedCase {
  name: string;
  /** Runs `count` operations and returns nanoseconds per operation. */
  run(count: number): number | Promise<number>;
}

export interface RoundsOptions {
  /** Operations per case per round. */
  requests: number;
  /** Operations per case before the first measured round (JIT warm-up). */
  warmup: number;
  rounds: number;
}

export interface RoundsResult {
  name: string;
  /** Median nanoseconds per operation over the rounds. */
  nsPerOp: number;
  rounds: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function interleavedRounds(
  cases: readonly TimedCase[],
  options: RoundsOptions,
): Promise<RoundsResult[]> {
  for (const c of cases) await c.run(options.warmup);
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const index = (round + k) % cases.length;
      samples[index].push(await cases[index].run(options.requests));
    }
  }
  return cases.map((c, i) => ({ name: c.name, nsPerOp: median(samples[i]), rounds: samples[i] }));
}
