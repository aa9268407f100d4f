import { intlLocale } from './use-format';

/**
 * Calendar days ("2026-03-20": no time, no zone) as each language reads them.
 * They are formatted at UTC midnight in UTC, so no time zone can move them to
 * the day before or after.
 */
export function isoDateToUtc(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface DayReading {
  /** In the UI's own calendar: Jalali for fa, Gregorian for he and en. */
  primary: string;
  /** Hebrew readers also see the Hebrew-calendar date (holidays follow it). */
  secondary?: string;
  weekday: string;
}

/**
 * Spelled out rather than `dateStyle`: Chromium's ICU renders the Hebrew calendar with
 * dateStyle as "57860702 12:00 AM"; explicit fields give "2 בניסן 5786".
 */
const HEBREW_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f;
}

export function readDay(isoDate: string, language: string): DayReading {
  const date = isoDateToUtc(isoDate);
  if (!date) return { primary: isoDate, weekday: '' };
  const locale = intlLocale(language);
  return {
    primary: formatter(locale, { dateStyle: 'long' }).format(date),
    secondary: language === 'he' ? formatter('he-IL-u-ca-hebrew', HEBREW_DATE).format(date) : undefined,
    weekday: formatter(locale, { weekday: 'long' }).format(date),
  };
}

/** The years of the UI's own calendar that a Gregorian year overlaps: 2026 → "۱۴۰۴–۱۴۰۵" in fa, "5786–5787" in he. */
export function localYearsOf(year: number, language: string): string | undefined {
  const calendar = language === 'fa' ? 'fa-IR-u-ca-persian' : language === 'he' ? 'he-IL-u-ca-hebrew' : undefined;
  if (!calendar) return undefined;
  const f = formatter(calendar, { year: 'numeric' });
  const first = f.format(new Date(Date.UTC(year, 0, 1)));
  const last = f.format(new Date(Date.UTC(year, 11, 31)));
  return first === last ? first : `${first}–${last}`;
}

/** An instant in a given zone (a company's, not the browser's), in the UI language and calendar. */
export function formatInZone(
  iso: string | null | undefined,
  language: string,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  try {
    return new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(language), options).format(date);
  }
}
