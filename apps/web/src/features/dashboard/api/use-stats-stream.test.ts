import { describe, expect, it } from 'vitest';
import { backoffMs } from './use-stats-stream';

describe('backoffMs', () => {
  it('doubles from one second and stops at thirty', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('jitters within ±25 %', () => {
    expect(backoffMs(2, () => 0)).toBe(3000);
    expect(backoffMs(2, () => 0.999999)).toBe(5000);
  });
});
