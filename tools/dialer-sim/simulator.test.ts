import { describe, expect, it } from 'vitest';
import { OUTCOMES, pickOutcome } from './simulator';

describe('pickOutcome', () => {
  it('follows the weights and the duration ranges', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const o = pickOutcome(rand);
      counts[o.status] = (counts[o.status] ?? 0) + 1;
      const range = OUTCOMES.find((x) => x.status === o.status)!.seconds;
      expect(o.duration).toBeGreaterThanOrEqual(range[0]);
      expect(o.duration).toBeLessThanOrEqual(range[1]);
    }
    expect(counts.MISSED! / 20_000).toBeCloseTo(0.35, 1);
    expect(counts.CONNECTED! / 20_000).toBeCloseTo(0.25, 1);
    expect(Object.keys(counts).sort()).toEqual(OUTCOMES.map((o) => o.status).sort());
  });
});
