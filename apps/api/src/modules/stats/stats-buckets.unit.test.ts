import { describe, expect, it } from 'vitest';
import { toZonedIso } from '../../lib/time';
import {
  ATTEMPT_COUNT_GRAINS,
  coverConsecutive,
  coverRange,
  GRAIN_MS,
  GRAIN_PHASE_MS,
  timeframeStart,
  trendBucketStarts,
  withPercentages,
  type Piece,
} from './stats-buckets';

/** A piece of counters starts on a bucket of its grain. */
const onItsGrain = (p: Piece) => p.grain === 0 || (p.from!.getTime() - GRAIN_PHASE_MS[p.grain]) % GRAIN_MS[p.grain] === 0;

const iso = (ds: Date[], tz: string) => ds.map((d) => toZonedIso(d, tz));

describe('trend buckets', () => {
  it('a Jerusalem day that springs forward is 23 hours, one that falls back 25', () => {
    // 2026: DST starts Friday 27 March (02:00 → 03:00), ends Sunday 25 October (02:00 → 01:00).
    const spring = trendBucketStarts('7d', 'daily', new Date('2026-03-28T12:00:00Z'), 'Asia/Jerusalem');
    expect(iso(spring, 'Asia/Jerusalem').slice(-3)).toEqual([
      '2026-03-26T00:00:00.000+02:00',
      '2026-03-27T00:00:00.000+02:00',
      '2026-03-28T00:00:00.000+03:00',
    ]);
    expect((spring.at(-1)!.getTime() - spring.at(-2)!.getTime()) / 3_600_000).toBe(23);
    const autumn = trendBucketStarts('7d', 'daily', new Date('2026-10-26T12:00:00Z'), 'Asia/Jerusalem');
    expect((autumn.at(-1)!.getTime() - autumn.at(-2)!.getTime()) / 3_600_000).toBe(25);
  });

  it('hourly across the spring-forward night skips the missing 02:00 and keeps 24 real hours', () => {
    const starts = trendBucketStarts('24h', 'hourly', new Date('2026-03-27T10:20:00Z'), 'Asia/Jerusalem');
    expect(starts).toHaveLength(24);
    const local = iso(starts, 'Asia/Jerusalem');
    expect(local).toContain('2026-03-27T01:00:00.000+02:00');
    expect(local).toContain('2026-03-27T03:00:00.000+03:00');
    expect(local.some((x) => x.startsWith('2026-03-27T02:'))).toBe(false);
    expect(local.at(-1)).toBe('2026-03-27T13:00:00.000+03:00');
  });

  it('the autumn night repeats 01:00 with two offsets: 25 local hours in the day', () => {
    const starts = trendBucketStarts('24h', 'hourly', new Date('2026-10-25T21:30:00Z'), 'Asia/Jerusalem');
    const local = iso(starts, 'Asia/Jerusalem');
    expect(local).toContain('2026-10-25T01:00:00.000+03:00');
    expect(local).toContain('2026-10-25T01:00:00.000+02:00');
    const today = starts.filter((d) => d >= timeframeStart('today', new Date('2026-10-25T21:30:00Z'), 'Asia/Jerusalem')!);
    expect(today).toHaveLength(24); // 23:30 local: hours 00–23 of a 25-hour day, minus the one not yet begun
  });

  it('Tehran hours start at half past UTC and days cross month and year ends', () => {
    const starts = trendBucketStarts('6h', 'hourly', new Date('2026-01-01T00:10:00Z'), 'Asia/Tehran');
    expect(iso(starts, 'Asia/Tehran')).toEqual([
      '2025-12-31T22:00:00.000+03:30',
      '2025-12-31T23:00:00.000+03:30',
      '2026-01-01T00:00:00.000+03:30',
      '2026-01-01T01:00:00.000+03:30',
      '2026-01-01T02:00:00.000+03:30',
      '2026-01-01T03:00:00.000+03:30',
    ]);
    expect(starts[0]!.toISOString()).toBe('2025-12-31T18:30:00.000Z');
    const days = trendBucketStarts('7d', 'daily', new Date('2026-03-02T06:00:00Z'), 'Asia/Tehran');
    expect(iso(days, 'Asia/Tehran').map((x) => x.slice(0, 10))).toEqual([
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    const leap = trendBucketStarts('7d', 'daily', new Date('2028-03-01T06:00:00Z'), 'UTC');
    expect(leap.map((d) => d.toISOString().slice(0, 10))).toContain('2028-02-29');
    expect(trendBucketStarts('30d', 'hourly', new Date('2026-05-01T00:00:00Z'), 'UTC')).toHaveLength(720);
    expect(trendBucketStarts('24h', 'daily', new Date('2026-05-01T10:00:00Z'), 'UTC')).toHaveLength(1);
  });

  it('every bucket start of any zone is a quarter-hour boundary (the counters’ grain)', () => {
    for (const tz of ['Asia/Tehran', 'Asia/Kathmandu', 'Asia/Jerusalem', 'America/St_Johns', 'Pacific/Chatham']) {
      for (const d of [
        ...trendBucketStarts('7d', 'hourly', new Date('2026-04-02T13:17:09Z'), tz),
        ...trendBucketStarts('30d', 'daily', new Date('2026-11-02T13:17:09Z'), tz),
      ]) {
        expect(d.getTime() % (15 * 60_000), `${tz} ${d.toISOString()}`).toBe(0);
      }
    }
  });
});

describe('timeframes', () => {
  const now = new Date('2026-03-20T10:07:31Z');
  it('today starts at local midnight; the others roll back from now; all has no start', () => {
    expect(toZonedIso(timeframeStart('today', now, 'Asia/Tehran')!, 'Asia/Tehran')).toBe('2026-03-20T00:00:00.000+03:30');
    expect(timeframeStart('1h', now, 'Asia/Tehran')!.toISOString()).toBe('2026-03-20T09:07:31.000Z');
    expect(timeframeStart('30d', now, 'UTC')!.toISOString()).toBe('2026-02-18T10:07:31.000Z');
    expect(timeframeStart('all', now, 'UTC')).toBeNull();
  });
});

describe('covering a range with counter buckets', () => {
  const show = (from: string | null, to: string | null) =>
    coverRange(from ? new Date(from) : null, to ? new Date(to) : null).map(
      (p) => `${p.grain}:${p.from?.toISOString().slice(5, 16) ?? '-∞'}..${p.to?.toISOString().slice(5, 16) ?? '∞'}`,
    );

  it('rolls up through quarter hours, hours and days and back down, raw rows only at unaligned ends', () => {
    expect(show('2026-03-18T22:07:31.250Z', null)).toEqual([
      '0:03-18T22:07..03-18T22:15',
      '1:03-18T22:15..03-18T23:00',
      '2:03-18T23:00..03-19T00:00',
      '3:03-19T00:00..∞',
    ]);
    // A Tehran local day: 20:30 UTC to 20:30 UTC.
    expect(show('2026-03-18T20:30:00Z', '2026-03-19T20:30:00Z')).toEqual([
      '1:03-18T20:30..03-18T21:00',
      '2:03-18T21:00..03-19T00:00',
      '2:03-19T00:00..03-19T20:00',
      '1:03-19T20:00..03-19T20:30',
    ]);
    expect(show('2026-03-19T10:05:00Z', '2026-03-19T10:10:00Z')).toEqual(['0:03-19T10:05..03-19T10:10']);
    expect(show('2026-03-19T10:05:00Z', '2026-03-19T10:40:00Z')).toEqual([
      '0:03-19T10:05..03-19T10:15',
      '1:03-19T10:15..03-19T10:30',
      '0:03-19T10:30..03-19T10:40',
    ]);
    expect(show(null, null)).toEqual(['3:-∞..∞']);
    expect(show('2026-03-19T10:00:00Z', '2026-03-19T10:00:00Z')).toEqual([]);
  });

  it('the pieces tile the range exactly, for any ends, with the UTC grains or the attempt counters’ too', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    for (const chains of [undefined, ATTEMPT_COUNT_GRAINS]) {
      for (let k = 0; k < 500; k++) {
        const a = Date.UTC(2026, 0, 1) + (next() % (40 * 86_400)) * 1000 + (next() % 1000);
        const b = a + (next() % (10 * 86_400)) * 1000;
        const pieces = coverRange(new Date(a), k % 5 === 0 ? null : new Date(b), chains);
        let at = a;
        for (const p of pieces) {
          expect(p.from!.getTime()).toBe(at);
          expect(onItsGrain(p), `${p.grain} ${p.from!.toISOString()}`).toBe(true);
          if (p.grain > 0 && p.to) expect((p.to.getTime() - p.from!.getTime()) % GRAIN_MS[p.grain]).toBe(0);
          if (!chains) expect(p.grain).toBeLessThan(4);
          at = p.to ? p.to.getTime() : Infinity;
        }
        expect(at).toBe(k % 5 === 0 ? Infinity : b);
      }
    }
  });

  it('with the attempt counters, an hour from :30 or :15 is one counter, not four quarter hours', () => {
    const show = (from: string, to: string) =>
      coverRange(new Date(from), new Date(to), ATTEMPT_COUNT_GRAINS).map(
        (p) => `${p.grain}:${p.from!.toISOString().slice(11, 16)}..${p.to!.toISOString().slice(11, 16)}`,
      );
    expect(show('2026-03-19T06:30:00Z', '2026-03-19T09:30:00Z')).toEqual(['4:06:30..09:30']);
    expect(show('2026-03-19T06:15:00Z', '2026-03-19T07:15:00Z')).toEqual(['5:06:15..07:15']);
    // Whole UTC hours and days keep the UTC grains; a tie keeps them too.
    expect(show('2026-03-19T00:00:00Z', '2026-03-20T00:00:00Z')).toEqual(['3:00:00..00:00']);
    expect(show('2026-03-19T06:30:00Z', '2026-03-19T08:00:00Z')).toEqual(['1:06:30..07:00', '2:07:00..08:00']);
    // An open end reaches into the future at the grain the run before it has.
    expect(coverRange(new Date('2026-03-19T06:30:00Z'), null, ATTEMPT_COUNT_GRAINS).map((p) => p.grain)).toEqual([4]);
  });
});

describe('percentages', () => {
  it('one decimal, adding up to exactly 100, largest first', () => {
    const rows = withPercentages(
      new Map([
        ['MISSED', 1],
        ['BUSY', 1],
        ['CONNECTED', 1],
      ]),
    );
    expect(rows.map((r) => r.percentage).reduce((s, x) => s + x, 0)).toBeCloseTo(100, 10);
    expect(rows.map((r) => r.percentage).sort()).toEqual([33.3, 33.3, 33.4]);
    const skewed = withPercentages(
      new Map([
        ['MISSED', 99_999],
        ['BUSY', 1],
      ]),
    );
    expect(skewed).toEqual([
      { status: 'MISSED', count: 99_999, percentage: 100 },
      { status: 'BUSY', count: 1, percentage: 0 },
    ]);
    expect(withPercentages(new Map())).toEqual([]);
    expect(withPercentages(new Map([['MISSED', 0]]))).toEqual([]);
  });
});

describe('coverConsecutive', () => {
  const ranges = (starts: Date[], end: Date | null) => starts.map((from, i) => ({ from, to: starts[i + 1] ?? end }));

  it('a 30-day hourly trend in Tehran (+03:30) is one run of quarter hours plus the raw rows of the open hour', () => {
    const now = new Date('2026-03-20T10:07:31.250Z');
    const starts = trendBucketStarts('30d', 'hourly', now, 'Asia/Tehran');
    const runs = coverConsecutive(ranges(starts, now));
    expect(runs.map((p) => p.grain)).toEqual([1, 0]);
    expect(runs[0]!.from).toEqual(starts[0]);
    expect(runs[1]!.to).toEqual(now);
  });

  it('with the attempt counters, the same trend is one run of :30 hours (720 counters, not 2,880)', () => {
    const now = new Date('2026-03-20T10:07:31.250Z');
    const starts = trendBucketStarts('30d', 'hourly', now, 'Asia/Tehran');
    const runs = coverConsecutive(ranges(starts, now), ATTEMPT_COUNT_GRAINS);
    expect(runs.map((p) => p.grain)).toEqual([4, 1, 0]);
    expect(runs[0]!.from).toEqual(starts[0]);
    expect(runs[0]!.to).toEqual(starts.at(-1));
    // Nepal (+05:45): its hours start at :15 UTC.
    const kathmandu = trendBucketStarts('7d', 'hourly', now, 'Asia/Kathmandu');
    expect(coverConsecutive(ranges(kathmandu, now), ATTEMPT_COUNT_GRAINS)[0]!.grain).toBe(5);
  });

  it('covers exactly what the ranges cover, with no two touching runs of one grain', () => {
    const now = new Date('2026-10-26T12:34:56.789Z');
    for (const [tz, chains] of ['Asia/Tehran', 'Asia/Jerusalem', 'UTC', 'Asia/Kathmandu'].flatMap(
      (z) =>
        [
          [z, undefined],
          [z, ATTEMPT_COUNT_GRAINS],
        ] as const,
    )) {
      for (const [span, g] of [
        ['30d', 'daily'],
        ['7d', 'hourly'],
        ['24h', 'hourly'],
      ] as const) {
        const starts = trendBucketStarts(span, g, now, tz);
        const runs = coverConsecutive(ranges(starts, now), chains);
        expect(runs[0]!.from, `${tz} ${span} ${g}`).toEqual(starts[0]);
        expect(runs.at(-1)!.to).toEqual(now);
        runs.slice(1).forEach((p, i) => {
          expect(p.from).toEqual(runs[i]!.to);
          expect(p.grain).not.toBe(runs[i]!.grain);
        });
        // No run splits a trend bucket's counter: every bucket start is on its run's grain.
        for (const p of runs) expect(onItsGrain(p)).toBe(true);
      }
    }
  });

  it('refuses ranges with a gap', () => {
    const a = new Date('2026-01-01T00:00:00Z');
    const b = new Date('2026-01-01T01:00:00Z');
    const c = new Date('2026-01-01T02:00:00Z');
    expect(() =>
      coverConsecutive([
        { from: a, to: b },
        { from: c, to: null },
      ]),
    ).toThrow(/not consecutive/);
  });
});
