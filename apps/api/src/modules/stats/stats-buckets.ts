import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { Timeframe, TrendGranularity, TrendSpan } from '@dialdeck/contracts/stats';
import { offsetMinutes, wallTimeToDate, zonedParts } from '../../lib/time';

/**
 * The time rules of the statistics (API.md "Statistics"), in one place.
 *
 * Counters are kept per 15-minute, hour and day UTC bucket (grains 1–3 of migration 0018,
 * `dialdeck_stats_bucket`, which GRAIN_MS and GRAIN_PHASE_MS must match): every zone's
 * hours and days start on a quarter hour, so a local hour or day is a whole number of
 * buckets. Attempts by status are also kept per hour starting at :30 and at :15 UTC
 * (grains 4 and 5, migration 0021), the local hours of the zones whose offset is not a
 * whole hour (Tehran, India, Newfoundland, Adelaide; Nepal, Chatham): their hourly trends
 * read one counter per hour instead of four quarter hours.
 */
const QUARTER_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** 0: raw rows; 1–3: counters per UTC quarter hour, hour, day; 4, 5: per hour from :30, :15 UTC. */
export type Grain = 0 | 1 | 2 | 3 | 4 | 5;
export const GRAIN_MS = [0, QUARTER_MS, HOUR_MS, DAY_MS, HOUR_MS, HOUR_MS] as const;
/** Where a grain's buckets start, after each multiple of its size from the Unix epoch. */
export const GRAIN_PHASE_MS = [0, 0, 0, 0, 30 * 60_000, 15 * 60_000] as const;

/**
 * The grains a counter table keeps, as the chains coverRange may climb (each grain's
 * buckets are whole buckets of the one before). Every table has the UTC chain; attempts
 * by status (stats_attempt_counts) also have the :30 and :15 hours.
 */
export type Chains = readonly (readonly Grain[])[];
export const UTC_GRAINS: Chains = [[1, 2, 3]];
export const ATTEMPT_COUNT_GRAINS: Chains = [
  [1, 2, 3],
  [1, 4],
  [1, 5],
];

/** Part of a range read at one grain; null ends are unbounded. */
export interface Piece {
  grain: Grain;
  from: Date | null;
  to: Date | null;
}

const ceilTo = (t: number, g: Grain) => Math.ceil((t - GRAIN_PHASE_MS[g]) / GRAIN_MS[g]) * GRAIN_MS[g] + GRAIN_PHASE_MS[g];
const floorTo = (t: number, g: Grain) => Math.floor((t - GRAIN_PHASE_MS[g]) / GRAIN_MS[g]) * GRAIN_MS[g] + GRAIN_PHASE_MS[g];

/**
 * Covers [from, to) with the coarsest whole buckets that fit: quarter hours up to the
 * first whole hour, hours up to the first whole day, days, then back down; raw rows
 * for the ends no quarter hour covers. null = unbounded (an `all` timeframe is days alone).
 * With several chains (ATTEMPT_COUNT_GRAINS), the one that reads the fewest buckets.
 */
export function coverRange(from: Date | null, to: Date | null, chains: Chains = UTC_GRAINS): Piece[] {
  const a = from ? from.getTime() : -Infinity;
  const b = to ? to.getTime() : Infinity;
  if (!(a < b)) return [];
  // No start: days alone (the first chain is the UTC one).
  if (!Number.isFinite(a)) return coverWith(a, b, chains[0]!);
  let best: Piece[] = [];
  let bestCount = Infinity;
  for (const chain of chains) {
    const pieces = coverWith(a, b, chain);
    // Buckets read; an open-ended piece reaches only into the future, where no counter is yet.
    const count = pieces.reduce((n, p) => n + (p.grain === 0 ? 1 : p.to ? (p.to.getTime() - p.from!.getTime()) / GRAIN_MS[p.grain] : 0), 0);
    if (count < bestCount) [best, bestCount] = [pieces, count];
  }
  return best;
}

function coverWith(a: number, b: number, chain: readonly Grain[]): Piece[] {
  const pieces: Piece[] = [];
  const at = (t: number) => (Number.isFinite(t) ? new Date(t) : null);
  const push = (grain: Grain, lo: number, hi: number) => {
    if (hi > lo) pieces.push({ grain, from: at(lo), to: at(hi) });
  };
  let lo = a;
  let level = -1; // index in the chain; -1: raw rows
  if (!Number.isFinite(a)) level = chain.length - 1;
  else {
    // Up: align the start to each grain in turn while it stays inside the range.
    for (let k = 0; k < chain.length; k++) {
      const up = ceilTo(lo, chain[k]!);
      if (up > b) break;
      push(level < 0 ? 0 : chain[level]!, lo, up);
      lo = up;
      level = k;
    }
  }
  // Down: the coarsest grain as far as it fits, then finer ones, then raw rows.
  for (let k = level; k >= 0; k--) {
    const down = Number.isFinite(b) ? floorTo(b, chain[k]!) : Infinity;
    if (down > lo) {
      push(chain[k]!, lo, down);
      lo = down;
    }
  }
  push(0, lo, b);
  return pieces;
}

/**
 * Covers consecutive ranges (each starts where the one before ends, as a trend's buckets
 * do) like coverRange covers each, with touching pieces of one grain merged into runs: a
 * 30-day daily trend in Tehran (+03:30) is one run of :30 hours rather than 30 pieces, so it
 * is read with one index range scan instead of 30. A run may span several ranges but never
 * splits a bucket (every piece is whole buckets of its range).
 */
export function coverConsecutive(ranges: { from: Date | null; to: Date | null }[], chains: Chains = UTC_GRAINS): Piece[] {
  const runs: Piece[] = [];
  ranges.forEach((r, i) => {
    const next = ranges[i + 1];
    if (next && r.to?.getTime() !== next.from?.getTime()) throw new Error('coverConsecutive: the ranges are not consecutive');
    for (const p of coverRange(r.from, r.to, chains)) {
      const last = runs[runs.length - 1];
      if (last && last.grain === p.grain && last.to && p.from && last.to.getTime() === p.from.getTime()) last.to = p.to;
      else runs.push({ ...p });
    }
  });
  return runs;
}

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
  // The wall clock's minutes, seconds and milliseconds, from the (cached) offset: a 30-day
  // hourly trend asks for 720 of these, and formatting each with Intl took ~5 ms.
  const t = at.getTime();
  const wall = t + offsetMinutes(at, timeZone) * 60_000;
  return new Date(t - (((wall % HOUR_MS) + HOUR_MS) % HOUR_MS));
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
