import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { Timeframe, TrendGranularity, TrendSpan } from '@dialdeck/contracts/stats';
import { wallTimeToDate, zonedParts } from '../../lib/time';

/**
 * The time rules of the statistics (API.md "Statistics"), in one place.
 *
 * Counters are kept per 15-minute UTC bucket (migration 0017, `dialdeck_stats_bucket`,
 * which this constant must match): every zone's hours and days start on a quarter
 * hour, so a local hour or day is a whole number of buckets.
 */
export const STATS_BUCKET_MS = 15 * 60_000;

const HOUR_MS = 3_600_000;

/** The start of a timeframe (`today` = local midnight; the rest roll back from now); null for `all`. */
export function timeframeStart(timeframe: Timeframe, now: Date, timeZone: string): Date | null {
  switch (timeframe) {
    case 'all':
      return null;
    case 'today':
      return localDayStart(now, timeZone, 0);
    case '1h':
      return new Date(now.getTime() - HOUR_MS);
    case '3h':
      return new Date(now.getTime() - 3 * HOUR_MS);
    case '7d':
      return new Date(now.getTime() - 7 * 24 * HOUR_MS);
    case '30d':
      return new Date(now.getTime() - 30 * 24 * HOUR_MS);
  }
}

/** Local midnight of the day `daysBack` days before the local date of `at`. */
function localDayStart(at: Date, timeZone: string, daysBack: number): Date {
  const z = zonedParts(at, timeZone);
  // Date.UTC normalises day 0 or negative days into the previous month or year.
  const d = new Date(Date.UTC(z.year, z.month - 1, z.day - daysBack));
  return wallTimeToDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, timeZone);
}

/** The local hour `at` falls in (hours are whole UTC quarter hours in every zone). */
function localHourStart(at: Date, timeZone: string): Date {
  const z = zonedParts(at, timeZone);
  return new Date(at.getTime() - (z.minute * 60 + z.second) * 1000 - at.getUTCMilliseconds());
}

const SPAN_HOURS: Record<TrendSpan, number> = { '6h': 6, '24h': 24, '7d': 168, '30d': 720 };
const SPAN_DAYS: Record<TrendSpan, number> = { '6h': 1, '24h': 1, '7d': 7, '30d': 30 };

/**
 * The bucket starts of a trend, oldest first, ending with the bucket now is in:
 * hourly = the span's hours back from the current local hour (a 24 h span: 24 buckets);
 * daily = the span's local dates ending today (7 d: today and the 6 days before; a DST
 * day is a 23- or 25-hour bucket). 6 h and 24 h daily: today alone.
 * Each bucket ends where the next starts; the last one is open-ended.
 */
export function trendBucketStarts(span: TrendSpan, granularity: TrendGranularity, now: Date, timeZone: string): Date[] {
  const starts: Date[] = [];
  if (granularity === 'daily') {
    for (let back = SPAN_DAYS[span] - 1; back >= 0; back--) starts.push(localDayStart(now, timeZone, back));
    return starts;
  }
  const current = localHourStart(now, timeZone).getTime();
  // Steps of one real hour: local hours in any zone with whole-hour DST shifts.
  for (let back = SPAN_HOURS[span] - 1; back >= 0; back--) starts.push(localHourStart(new Date(current - back * HOUR_MS), timeZone));
  return starts;
}

/** The first bucket boundary at or after t: counters cover [ceil, …), raw rows cover [t, ceil). */
export function ceilToBucket(t: Date): Date {
  return new Date(Math.ceil(t.getTime() / STATS_BUCKET_MS) * STATS_BUCKET_MS);
}

/**
 * Shares with one decimal that add up to exactly 100 (largest remainder), 0 for an empty total.
 * Sorted by count, largest first, then by status for a stable order.
 */
export function withPercentages(counts: Map<CallStatus, number>): { status: CallStatus; count: number; percentage: number }[] {
  const rows = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = rows.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return [];
  const tenths = rows.map(([, n]) => (n * 1000) / total);
  const floors = tenths.map(Math.floor);
  let left = 1000 - floors.reduce((s, x) => s + x, 0);
  const order = tenths.map((x, i) => [x - floors[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left--;
  }
  return rows.map(([status, count], i) => ({ status, count, percentage: floors[i]! / 10 }));
}
