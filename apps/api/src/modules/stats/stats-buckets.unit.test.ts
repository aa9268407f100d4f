import { describe, expect, it } from 'vitest';
import { toZonedIso } from '../../lib/time';
import { ceilToBucket, timeframeStart, trendBucketStarts, withPercentages } from './stats-buckets';

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
        expect(ceilToBucket(d).getTime(), `${tz} ${d.toISOString()}`).toBe(d.getTime());
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
    expect(ceilToBucket(new Date('2026-03-20T09:07:31Z')).toISOString()).toBe('2026-03-20T09:15:00.000Z');
    expect(ceilToBucket(new Date('2026-03-20T09:15:00Z')).toISOString()).toBe('2026-03-20T09:15:00.000Z');
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
