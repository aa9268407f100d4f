import { describe, expect, it } from 'vitest';
import { connectRate, isEligible, lineForDraw, restVerdict } from './line-rules';

const lines = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, phone_number: `+98912000${String(i).padStart(4, '0')}` }));

describe('rotation', () => {
  it('10,000 numbers over 20 lines, in batches of uneven sizes from interleaved dialers: no line above its share + 1%', () => {
    // Two dialers take batches of sizes 1..97 from one counter, as the dispatch does (each batch a run of draws).
    let counter = 0;
    const used = new Map<number, number>();
    let handed = 0;
    for (let b = 0; handed < 10_000; b++) {
      const size = Math.min(1 + ((b * 37) % 97), 10_000 - handed);
      const start = counter;
      counter += size;
      for (let i = 0; i < size; i++) {
        const l = lineForDraw(lines, start + i);
        used.set(l.id, (used.get(l.id) ?? 0) + 1);
      }
      handed += size;
    }
    const share = 10_000 / 20;
    expect(used.size).toBe(20);
    for (const n of used.values()) expect(n).toBeLessThanOrEqual(share * 1.01);
    expect([...used.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('the next line is always the least recently used one', () => {
    const seq = Array.from({ length: 45 }, (_, i) => lineForDraw(lines, 7 + i).id);
    for (let i = 20; i < seq.length; i++) expect(seq[i]).toBe(seq[i - 20]);
    expect(new Set(seq.slice(0, 20)).size).toBe(20);
  });

  it('refuses an empty set of lines', () => {
    expect(() => lineForDraw([], 0)).toThrow(/no eligible line/);
  });

  it('eligible: active and not resting now', () => {
    const now = new Date('2026-05-13T06:00:00Z');
    expect(isEligible({ is_active: true, resting_until: null }, now)).toBe(true);
    expect(isEligible({ is_active: false, resting_until: null }, now)).toBe(false);
    expect(isEligible({ is_active: true, resting_until: new Date('2026-05-13T07:00:00Z') }, now)).toBe(false);
    expect(isEligible({ is_active: true, resting_until: now }, now)).toBe(true);
  });
});

describe('health and resting', () => {
  const now = new Date('2026-05-13T06:00:00Z');
  const on = { line_rest_below_connect_rate: 0.25, line_rest_hours: 12, line_rest_window_calls: 100 };

  it('connect rate is connected over calls, null without calls', () => {
    expect(connectRate(0, 0)).toBeNull();
    expect(connectRate(8, 2)).toBe(0.25);
  });

  it('rests only with the rule on, a full window and a rate below the bar', () => {
    expect(restVerdict({ calls: 100, connected: 10 }, { ...on, line_rest_below_connect_rate: null }, now)).toBeNull();
    expect(restVerdict({ calls: 99, connected: 0 }, on, now)).toBeNull();
    expect(restVerdict({ calls: 100, connected: 25 }, on, now)).toBeNull();
    expect(restVerdict({ calls: 100, connected: 24 }, on, now)).toEqual({
      until: new Date('2026-05-13T18:00:00Z'),
      reason: 'connect rate 24% over the last 100 calls is below 25%',
    });
  });
});
