import { type RoundsOptions } from '../lib/rounds';
import { type Section, goal } from '../lib/report';
import { FLOOR, OURS, runVerifyBench } from './cases';

export async function verifySection(options: RoundsOptions): Promise<Section> {
  const results = await runVerifyBench(options);
  const perSecond = (name: string) => {
    const found = results.find((r) => r.name === name);
    if (!found) throw new Error(`verification bench: no result for "${name}"`);
    return 1e9 / found.nsPerOp;
  };
  const floor = perSecond(FLOOR);
  return {
    title: '3. Token verification throughput',
    method:
      `verifications per second of one valid Texera token (higher is better), one at a time ` +
      `(each awaited), median of ${options.rounds} interleaved rounds of ` +
      `${options.requests.toLocaleString('en-US')} after ${options.warmup.toLocaleString('en-US')} warm-up.`,
    columns: [
      { key: 'case', label: 'case', text: true },
      { key: 'perSecond', label: 'verify/s' },
      { key: 'us', label: 'us/verify', digits: 2 },
      { key: 'vsFloor', label: 'vs floor', ratio: true },
    ],
    rows: results.map((r) => ({
      case: r.name,
      perSecond: perSecond(r.name),
      us: r.nsPerOp / 1000,
      vsFloor: perSecond(r.name) / floor,
    })),
    goals: [goal('ours >= 0.8x the floor', perSecond(OURS) / floor, (v) => v >= 0.8)],
  };
}
