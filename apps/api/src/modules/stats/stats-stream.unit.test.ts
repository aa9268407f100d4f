import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttemptsSummaryResponse } from '@dialdeck/contracts/stats';
import type { CompanyRow } from '../../db/schema/database';
import { InProcessResultsSignal } from './results-signal';
import { STATS_EVENT_INTERVAL_MS, StatsStreamHub } from './stats-stream';

const company = (id: number) => ({ id, timezone: 'Asia/Tehran' }) as CompanyRow;

describe('StatsStreamHub: one computation per company per emission, at most one a second', () => {
  let signal: InProcessResultsSignal;
  let computed: number[];
  let hub: StatsStreamHub;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-05-13T06:00:00Z') });
    signal = new InProcessResultsSignal();
    computed = [];
    hub = new StatsStreamHub(signal, async (c): Promise<AttemptsSummaryResponse> => {
      computed.push(c.id);
      return {
        as_of: new Date().toISOString(),
        total: computed.length,
        by_status: [],
        cost: { connected: 0, cost_per_connected: 0, total: 0, currency: 'IRR' },
      };
    });
  });
  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  it('many results within a second → one event per company per second, shared by its streams; other companies unaffected', async () => {
    const a1: number[] = [];
    const a2: number[] = [];
    const b: number[] = [];
    hub.subscribe(company(1), (e) => a1.push(e.attempts_today.total));
    hub.subscribe(company(1), (e) => a2.push(e.attempts_today.total));
    hub.subscribe(company(2), (e) => b.push(e.attempts_today.total));

    // 45 results for company 1 over 900 ms; one for company 2 half-way.
    for (let i = 0; i < 45; i++) {
      signal.resultsArrived(1);
      if (i === 25) signal.resultsArrived(2);
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(STATS_EVENT_INTERVAL_MS - 45 * 20 - 1); // 999 ms after the first result
    // The first result is announced at once; company 2 got its own event, not held up by company 1.
    expect(computed.filter((c) => c === 1)).toHaveLength(1);
    expect(a1).toHaveLength(1);
    expect(a2).toEqual(a1);
    expect(b).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1); // one second on: the results since are sent, once
    expect(computed.filter((c) => c === 1)).toHaveLength(2);
    expect(a1).toHaveLength(2);
    expect(a2).toEqual(a1);

    // No more results: no more events (and no more computing).
    await vi.advanceTimersByTimeAsync(5_000);
    expect(computed).toHaveLength(3);
    expect(b).toHaveLength(1);
  });

  it('results for a company nobody streams compute nothing; a closed stream gets nothing more', async () => {
    signal.resultsArrived(7);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(computed).toEqual([]);

    const got: number[] = [];
    const stop = hub.subscribe(company(3), (e) => got.push(e.attempts_today.total));
    signal.resultsArrived(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toHaveLength(1);
    stop();
    expect(hub.size).toBe(0);
    signal.resultsArrived(3);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(got).toHaveLength(1);
    expect(computed).toEqual([3]);
  });

  it('a lost signal coming back (null) refreshes every company streamed', async () => {
    const got: number[] = [];
    hub.subscribe(company(4), (e) => got.push(e.attempts_today.total));
    hub.subscribe(company(5), (e) => got.push(e.attempts_today.total));
    signal.everythingChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(computed.sort()).toEqual([4, 5]);
    expect(got).toHaveLength(2);
  });

  it('streams opening together share one computation of their first event', async () => {
    const [x, y] = await Promise.all([hub.snapshot(company(6)), hub.snapshot(company(6))]);
    expect(computed).toEqual([6]);
    expect(y).toBe(x);
    await hub.snapshot(company(6)); // none under way any more: computed afresh
    expect(computed).toEqual([6, 6]);
  });
});
