import {
  CalendarDate,
  createCalendar,
  GregorianCalendar,
  parseAbsolute,
  parseDate,
  Time,
  toCalendar,
  type Calendar as DateCalendar,
  type CalendarIdentifier,
  type DateValue,
  type ZonedDateTime,
} from '@internationalized/date';
import type { Calendar as CompanyCalendar } from '@dialdeck/contracts/common';

/**
 * What the date and time fields need to know to read and write days the way the
 * user does: which calendar the picker shows, which locale (digits, month names,
 * first day of the week) it speaks, and whether times have 12 or 24 hours. The API
 * never sees any of it: days go out as Gregorian "YYYY-MM-DD", times as "HH:MM",
 * instants as ISO 8601 in the company's time zone.
 */

/** 12 or 24: what a TimeField's hourCycle takes. */
export type HourCycle = 12 | 24;
/** What a user may prefer: only English offers a 12-hour clock, Persian and Hebrew always show 24 hours. */
export type HourCyclePreference = '12' | '24';

/**
 * The calendar a date field shows. A company that keeps the Hebrew calendar sees it in
 * every language; a Jalali company's Persian readers see the Jalali calendar; everyone
 * else (Hebrew and English readers of a Jalali or Gregorian company) sees the Gregorian
 * one — Hebrew readers with the Hebrew date beside it, Persian readers with the Jalali
 * one (see secondaryCalendar).
 * Without a company (not loaded yet) the language decides: Jalali for Persian.
 */
export function fieldCalendar(companyCalendar: CompanyCalendar | undefined, language: string): CalendarIdentifier {
  if (companyCalendar === 'hebrew') return 'hebrew';
  if (language === 'fa' && companyCalendar !== 'gregorian') return 'persian';
  return 'gregory';
}

/**
 * The calendar read beside the field's own: Hebrew for a Hebrew reader on a Gregorian
 * picker, Jalali for a Persian reader of a Gregorian company.
 */
export function secondaryCalendar(calendar: CalendarIdentifier, language: string): CalendarIdentifier | undefined {
  if (language === 'he' && calendar !== 'hebrew') return 'hebrew';
  if (language === 'fa' && calendar === 'gregory') return 'persian';
  return undefined;
}

/**
 * The BCP 47 locale a field is rendered in: the language, its region (which sets the
 * first day of the week: Saturday in Iran, Sunday in Israel and the US), the calendar
 * and the locale's own digits (Persian ۰۱۲… for fa-IR, its default). The numbering system
 * is not pinned with `-nu-`: React Aria then also accepts Latin digits typed into a segment
 * (a numeric keypad, an English keyboard layout), and still shows Persian ones.
 */
export function fieldLocale(language: string, calendar: CalendarIdentifier): string {
  const base = language === 'fa' ? 'fa-IR' : language === 'he' ? 'he-IL' : 'en-US';
  const extensions: string[] = [];
  // Each locale's own default calendar needs no extension: he-IL and en-US are Gregorian.
  if (calendar !== 'gregory' || language === 'fa') extensions.push('ca', calendar);
  return extensions.length ? `${base}-u-${extensions.join('-')}` : base;
}

/** 24 hours in Persian and Hebrew; in English 24 too unless the user chose a 12-hour clock. */
export function hourCycleFor(language: string, preference: HourCyclePreference | null | undefined): HourCycle {
  return language === 'en' && preference === '12' ? 12 : 24;
}

const calendars = new Map<CalendarIdentifier, DateCalendar>();
export function calendarFor(id: CalendarIdentifier): DateCalendar {
  let calendar = calendars.get(id);
  if (!calendar) {
    calendar = createCalendar(id);
    calendars.set(id, calendar);
  }
  return calendar;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2025-03-20" (Gregorian, no zone) → that day in a calendar: 1403-12-30 Persian. null when it is not a day. */
export function isoToCalendarDate(iso: string | null | undefined, calendar: CalendarIdentifier = 'gregory'): CalendarDate | null {
  if (!iso || !ISO_DATE.test(iso)) return null;
  try {
    const day = parseDate(iso);
    // parseDate accepts 2025-02-30 by clamping nothing: reject days the year does not have.
    if (day.toString() !== iso) return null;
    return calendar === 'gregory' ? day : toCalendar(day, calendarFor(calendar));
  } catch {
    return null;
  }
}

/** A day of any calendar → the Gregorian "YYYY-MM-DD" the API takes. */
export function calendarDateToIso(date: DateValue): string {
  const day = new CalendarDate(date.calendar, date.era, date.year, date.month, date.day);
  return toCalendar(day, new GregorianCalendar()).toString();
}

/** A day in a calendar's own numbers: persianDate(1403, 12, 30) → the CalendarDate (for tests and defaults). */
export function calendarDate(calendar: CalendarIdentifier, year: number, month: number, day: number): CalendarDate {
  return new CalendarDate(calendarFor(calendar), year, month, day);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** "09:30" (or "09:30:00") → a Time; "24:00" (the end of a day) is midnight; null for anything else. */
export function isoToTime(value: string | null | undefined): Time | null {
  if (!value) return null;
  if (value.startsWith('24:00')) return new Time(0, 0);
  const match = HH_MM.exec(value);
  if (!match) return null;
  return new Time(Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
}

/** A Time → "HH:MM", as the schedule sends it. */
export function timeToIso(time: Pick<Time, 'hour' | 'minute'>): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** An ISO instant → the wall clock of the company's zone, for a date-time field. null when it is not an instant. */
export function isoToZoned(iso: string | null | undefined, timeZone: string): ZonedDateTime | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  try {
    return parseAbsolute(at.toISOString(), timeZone);
  } catch {
    return null;
  }
}

/** A wall-clock time of the company's zone → ISO 8601 with that zone's offset ("2026-03-20T09:00:00+03:30"). */
export function zonedToIso(value: ZonedDateTime): string {
  return value.toString().replace(/\[.*\]$/, '');
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * "HH:MM" in the user's clock: "۰۹:۳۰" in Persian, "09:30" in Hebrew and English,
 * "9:30 AM" on a 12-hour clock. "24:00" (a window that runs to midnight) reads as
 * 24:00 on a 24-hour clock and "12:00 AM" on a 12-hour one.
 */
export function formatTime(value: string, language: string, hourCycle: HourCycle): string {
  const endOfDay = value.startsWith('24:00');
  const time = isoToTime(value);
  if (!time) return value;
  const locale = fieldLocale(language, 'gregory');
  const f = formatter(locale, {
    hour: hourCycle === 12 ? 'numeric' : '2-digit',
    minute: '2-digit',
    hourCycle: hourCycle === 12 ? 'h12' : 'h23',
    timeZone: 'UTC',
  });
  if (endOfDay && hourCycle === 24) {
    // Intl has no 24:00: format 23:00 and put the hour back, in the locale's digits.
    const parts = f.formatToParts(new Date(Date.UTC(2000, 0, 1, 23, 0)));
    const digits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
    return parts.map((p) => (p.type === 'hour' ? digits.format(24) : p.value)).join('');
  }
  return f.format(new Date(Date.UTC(2000, 0, 1, time.hour, time.minute)));
}

/** Whether a window from start to end (end "00:00" or "24:00" meaning midnight) covers the whole day. */
export function isWholeDay(start: string, end: string): boolean {
  return start.slice(0, 5) === '00:00' && (end.startsWith('24:00') || end.slice(0, 5) === '00:00');
}

/** A day read in a calendar and locale: "۳۰ اسفند ۱۴۰۳", "כ״ט באדר א׳ 5784", "February 29, 2024". */
export function formatCalendarDay(iso: string, language: string, calendar: CalendarIdentifier): string {
  const day = isoToCalendarDate(iso);
  if (!day) return iso;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return formatter(fieldLocale(language, calendar), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A year of a calendar, in the locale's digits and without grouping: 1405 → "۱۴۰۵". */
export function formatYear(year: number, language: string): string {
  return new Intl.NumberFormat(fieldLocale(language, 'gregory'), { useGrouping: false }).format(year);
}

/**
 * The year a Gregorian year is read as in a calendar, by the day it mostly overlaps
 * (its 1 July): 2026 → 1405 Persian, 5786 Hebrew, 2026 Gregorian.
 */
export function leadingYear(gregorianYear: number, calendar: CalendarIdentifier): number {
  if (calendar === 'gregory') return gregorianYear;
  return toCalendar(new CalendarDate(gregorianYear, 7, 1), calendarFor(calendar)).year;
}

/** Which segment a date field of this locale starts with: "year" in Persian, "day" in Hebrew, "month" in English. */
export function firstDateSegment(locale: string): 'year' | 'month' | 'day' {
  const parts = formatter(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2000, 0, 1)),
  );
  const first = parts.find((p) => p.type === 'year' || p.type === 'month' || p.type === 'day');
  return (first?.type as 'year' | 'month' | 'day' | undefined) ?? 'year';
}

/** A company calendar → its @internationalized/date identifier. */
export function calendarIdOf(calendar: CompanyCalendar): CalendarIdentifier {
  return calendar === 'jalali' ? 'persian' : calendar === 'hebrew' ? 'hebrew' : 'gregory';
}

/**
 * The years of a calendar a Gregorian year overlaps, in the language's digits:
 * 2026 → "۱۴۰۴–۱۴۰۵" (Persian), "5786–5787" (Hebrew), "2026" (Gregorian).
 */
export function calendarYearsOf(gregorianYear: number, calendar: CalendarIdentifier, language: string): string {
  if (calendar === 'gregory') return formatYear(gregorianYear, language);
  const first = toCalendar(new CalendarDate(gregorianYear, 1, 1), calendarFor(calendar)).year;
  const last = toCalendar(new CalendarDate(gregorianYear, 12, 31), calendarFor(calendar)).year;
  return first === last ? formatYear(first, language) : `${formatYear(first, language)}–${formatYear(last, language)}`;
}
