import type { RefusalReason } from '@dialdeck/contracts/schedule';
import { wallTimeToDate, zonedParts } from '../../lib/time';

/** Retry hints of a refusal (seed: short for disabled / insufficient funds, long otherwise). */
export const SHORT_RETRY_SECONDS = 300;
export const LONG_RETRY_SECONDS = 900;

/** How far nextAllowedAt looks ahead, in days of the company's calendar. */
export const NEXT_ALLOWED_HORIZON_DAYS = 14;

const DAY_SECONDS = 24 * 60 * 60;

/** The refusals the schedule itself gives (insufficient funds is the billing side's). */
export type ScheduleRefusal = Exclude<RefusalReason, 'insufficient_funds'>;

export interface ScheduleFlags {
  enabled: boolean;
  skip_holidays: boolean;
  disabled_by_dialer: boolean;
}

/** A weekly window: day 0 = Saturday … 6 = Friday; times 'HH:MM' or 'HH:MM:SS', end '24:00' = midnight. */
export interface WindowSpec {
  day_of_week: number;
  start_time: string;
  end_time: string;
}

export interface ScheduleInput {
  config: ScheduleFlags;
  windows: readonly WindowSpec[];
  /** Holiday dates ('YYYY-MM-DD', the company's local calendar); only read when skip_holidays. */
  holidays: ReadonlySet<string>;
  /** IANA zone of the company: windows and holidays are on its wall clock. */
  timeZone: string;
}

export type Verdict = { allowed: true } | { allowed: false; reason: ScheduleRefusal; retryAfterSeconds: number };

export function retryAfterFor(reason: RefusalReason): number {
  return reason === 'disabled' || reason === 'insufficient_funds' ? SHORT_RETRY_SECONDS : LONG_RETRY_SECONDS;
}

/** JS getDay() (Sunday = 0) → the Persian week the API uses (Saturday = 0 … Friday = 6). */
export function persianWeekday(jsDay: number): number {
  return (jsDay + 1) % 7;
}

/** 'HH:MM' / 'HH:MM:SS' → seconds since midnight; '24:00' → 86400. */
export function secondsOfDay(time: string): number {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) throw new Error(`Not a time of day: ${time}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

export interface LocalClock {
  /** 'YYYY-MM-DD' on the company's calendar. */
  date: string;
  year: number;
  month: number;
  day: number;
  /** 0 = Saturday … 6 = Friday. */
  dayOfWeek: number;
  /** Seconds since local midnight (wall clock). */
  second: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** What the company's wall clock shows at an instant. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const p = zonedParts(at, timeZone);
  const jsDay = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return {
    date: isoDate(p.year, p.month, p.day),
    year: p.year,
    month: p.month,
    day: p.day,
    dayOfWeek: persianWeekday(jsDay),
    second: p.hour * 3600 + p.minute * 60 + p.second,
  };
}

export function isDisabled(config: ScheduleFlags): boolean {
  return !config.enabled || config.disabled_by_dialer;
}

function refuse(reason: ScheduleRefusal): Verdict {
  return { allowed: false, reason, retryAfterSeconds: retryAfterFor(reason) };
}

/**
 * May the company call at `at`? Checks in the seed's order: disabled → holiday →
 * no window today → outside every window of today. A window holds t when
 * start <= t < end, on the company's wall clock; so on a DST switch day a window
 * inside the skipped hour never opens and one inside the repeated hour holds twice.
 */
export function evaluateSchedule(s: ScheduleInput, at: Date): Verdict {
  if (isDisabled(s.config)) return refuse('disabled');
  const now = localClock(at, s.timeZone);
  if (s.config.skip_holidays && s.holidays.has(now.date)) return refuse('holiday');
  const today = s.windows.filter((w) => w.day_of_week === now.dayOfWeek);
  if (today.length === 0) return refuse('no_window');
  const inside = today.some((w) => secondsOfDay(w.start_time) <= now.second && now.second < secondsOfDay(w.end_time));
  return inside ? { allowed: true } : refuse('outside_allowed_time_window');
}

/**
 * The first instant ≥ `from` at which calling is allowed, within the next
 * NEXT_ALLOWED_HORIZON_DAYS local days; null when there is none (disabled, no
 * windows, or holidays/windows that never meet in that span).
 *
 * Calling can only become allowed at `from` itself or when a window opens: windows
 * never cross midnight, and a holiday ends at midnight, where a window starting at
 * 00:00 is itself a candidate. So the candidates are the window starts of each day.
 */
export function nextAllowedAt(s: ScheduleInput, from: Date, horizonDays = NEXT_ALLOWED_HORIZON_DAYS): Date | null {
  if (isDisabled(s.config) || s.windows.length === 0) return null;
  if (evaluateSchedule(s, from).allowed) return from;
  const start = localClock(from, s.timeZone);
  for (let d = 0; d <= horizonDays; d++) {
    // Calendar arithmetic on a UTC date: local days, whatever the offset does.
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + d));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const dd = day.getUTCDate();
    const dow = persianWeekday(day.getUTCDay());
    if (s.config.skip_holidays && s.holidays.has(isoDate(y, m, dd))) continue;
    const candidates = s.windows
      .filter((w) => w.day_of_week === dow && secondsOfDay(w.start_time) < DAY_SECONDS)
      .map((w) => {
        const sec = secondsOfDay(w.start_time);
        // A start inside a DST gap resolves forward; evaluateSchedule below decides
        // whether the window is still open there.
        return wallTimeToDate(
          { year: y, month: m, day: dd, hour: Math.floor(sec / 3600), minute: Math.floor(sec / 60) % 60, second: sec % 60 },
          s.timeZone,
        );
      })
      .filter((t) => t.getTime() >= from.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    for (const t of candidates) {
      if (evaluateSchedule(s, t).allowed) return t;
    }
  }
  return null;
}
