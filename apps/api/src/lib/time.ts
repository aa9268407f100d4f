/** The clock every rule reads; tests inject a fixed or moving one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(date: Date, timeZone: string) {
  const p: Record<string, number> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(date)) {
    if (type !== 'literal') p[type] = Number(value);
  }
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour!,
    minute: p.minute!,
    second: p.second!,
  };
}

function computeOffset(date: Date, timeZone: string): number {
  const z = zonedParts(date, timeZone);
  const asUtc = Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second);
  const whole = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

// Offsets only change on quarter-hour boundaries (DST and zone changes happen there), so
// one Intl call per zone and quarter hour serves every timestamp in it: an export of a
// million rows formats two million times.
const QUARTER_HOUR = 15 * 60_000;
/** Per zone, the offset of each quarter hour asked for (a 1M-row export asks a million times). */
const offsetCache = new Map<string, Map<number, number>>();

/** Offset of the zone from UTC at that instant, in minutes (Tehran: +210). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const bucket = Math.floor(date.getTime() / QUARTER_HOUR);
  let zone = offsetCache.get(timeZone);
  if (zone === undefined) {
    if (offsetCache.size > 1_000) offsetCache.clear();
    offsetCache.set(timeZone, (zone = new Map()));
  }
  let off = zone.get(bucket);
  if (off === undefined) {
    off = computeOffset(new Date(bucket * QUARTER_HOUR), timeZone);
    if (zone.size > 50_000) zone.clear();
    zone.set(bucket, off);
  }
  return off;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** ISO 8601 with the zone's offset, e.g. 2026-01-01T10:05:00.000+03:30 (API.md "Times"). */
export function toZonedIso(date: Date, timeZone: string): string {
  const off = offsetMinutes(date, timeZone);
  const wall = new Date(date.getTime() + off * 60_000).toISOString(); // wall clock, spelled as UTC
  const sign = off < 0 ? '-' : '+';
  return `${wall.slice(0, 23)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** The instant at which the zone's wall clock shows the given fields (DST gaps resolve forward). */
export function wallTimeToDate(
  f: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  // Two rounds settle the offset even when the guess lands on the other side of a DST change.
  let t = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  t = asUtc - offsetMinutes(new Date(t), timeZone) * 60_000;
  return new Date(t);
}

/**
 * A filter bound from the API: a date alone is that day's start in the zone (or the
 * next day's start for an end bound, so the end day is included); a date-time without
 * an offset is wall time in the zone; one with an offset is exact.
 */
export function parseBound(value: string, timeZone: string, end: boolean): Date {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number) as [number, number, number, number];
    return wallTimeToDate({ year: y, month: m, day: d + (end ? 1 : 0) }, timeZone);
  }
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value)) return new Date(value);
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!local) return new Date(NaN);
  const [, y, mo, d, h, mi, s] = local.map((x) => Number(x ?? 0)) as number[];
  return wallTimeToDate({ year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: s! }, timeZone);
}
