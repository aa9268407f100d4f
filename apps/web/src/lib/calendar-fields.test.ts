import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  calendarDateToIso,
  calendarYearsOf,
  fieldCalendar,
  fieldLocale,
  firstDateSegment,
  formatCalendarDay,
  formatTime,
  hourCycleFor,
  isoToCalendarDate,
  isoToTime,
  isoToZoned,
  isWholeDay,
  leadingYear,
  secondaryCalendar,
  timeToIso,
  zonedToIso,
} from './calendar-fields';

describe('which calendar and locale a field uses', () => {
  it('Jalali for Persian readers of a Jalali company, Hebrew for a Hebrew-calendar company, else Gregorian', () => {
    expect(fieldCalendar('jalali', 'fa')).toBe('persian');
    expect(fieldCalendar(undefined, 'fa')).toBe('persian');
    expect(fieldCalendar('gregorian', 'fa')).toBe('gregory');
    expect(fieldCalendar('jalali', 'en')).toBe('gregory');
    expect(fieldCalendar('gregorian', 'he')).toBe('gregory');
    expect(fieldCalendar('hebrew', 'he')).toBe('hebrew');
    expect(fieldCalendar('hebrew', 'en')).toBe('hebrew');
    expect(secondaryCalendar('gregory', 'he')).toBe('hebrew');
    expect(secondaryCalendar('hebrew', 'he')).toBeUndefined();
    expect(secondaryCalendar('gregory', 'en')).toBeUndefined();
    expect(secondaryCalendar('gregory', 'fa')).toBe('persian');
    expect(secondaryCalendar('persian', 'fa')).toBeUndefined();
  });

  it('builds locale strings with the calendar', () => {
    expect(fieldLocale('fa', 'persian')).toBe('fa-IR-u-ca-persian');
    expect(fieldLocale('fa', 'gregory')).toBe('fa-IR-u-ca-gregory');
    expect(fieldLocale('he', 'gregory')).toBe('he-IL');
    expect(fieldLocale('he', 'hebrew')).toBe('he-IL-u-ca-hebrew');
    expect(fieldLocale('en', 'gregory')).toBe('en-US');
    expect(fieldLocale('en', 'hebrew')).toBe('en-US-u-ca-hebrew');
  });

  it('Persian fields write Persian digits without pinning them (so Latin digits may be typed too)', () => {
    for (const calendar of ['persian', 'gregory'] as const) {
      const locale = fieldLocale('fa', calendar);
      expect(locale).not.toContain('-nu-');
      expect(new Intl.NumberFormat(locale, { useGrouping: false }).format(1404)).toBe('۱۴۰۴');
    }
  });

  it('a Persian field starts with the year, Hebrew with the day, English with the month', () => {
    expect(firstDateSegment('fa-IR-u-ca-persian')).toBe('year');
    expect(firstDateSegment('he-IL')).toBe('day');
    expect(firstDateSegment('en-US')).toBe('month');
  });
});

describe('Jalali days', () => {
  it('Nowruz 1404 is 21 March 2025, and the day before it the leap day 1403-12-30', () => {
    const nowruz = isoToCalendarDate('2025-03-21', 'persian')!;
    expect([nowruz.year, nowruz.month, nowruz.day]).toEqual([1404, 1, 1]);
    const leap = isoToCalendarDate('2025-03-20', 'persian')!;
    expect([leap.year, leap.month, leap.day]).toEqual([1403, 12, 30]);
    expect(calendarDateToIso(calendarDate('persian', 1403, 12, 30))).toBe('2025-03-20');
    expect(calendarDateToIso(calendarDate('persian', 1404, 1, 1))).toBe('2025-03-21');
  });

  it('1404 is not a leap year: Esfand has 29 days and the next day is Nowruz 1405', () => {
    const lastOf1404 = calendarDate('persian', 1404, 12, 29);
    expect(lastOf1404.calendar.getDaysInMonth(lastOf1404)).toBe(29);
    expect(calendarDateToIso(lastOf1404)).toBe('2026-03-20');
    expect(calendarDateToIso(lastOf1404.add({ days: 1 }))).toBe('2026-03-21');
    const nowruz1405 = isoToCalendarDate('2026-03-21', 'persian')!;
    expect([nowruz1405.year, nowruz1405.month, nowruz1405.day]).toEqual([1405, 1, 1]);
  });

  it('reads days with Persian month names and digits', () => {
    expect(formatCalendarDay('2025-03-20', 'fa', 'persian')).toBe('۳۰ اسفند ۱۴۰۳');
    expect(formatCalendarDay('2025-03-21', 'fa', 'persian')).toBe('۱ فروردین ۱۴۰۴');
  });
});

describe('Hebrew days', () => {
  it('5784 is a leap year: Adar I and Adar II are months 6 and 7, Purim is 14 Adar II', () => {
    const purim = isoToCalendarDate('2024-03-24', 'hebrew')!;
    expect([purim.year, purim.month, purim.day]).toEqual([5784, 7, 14]);
    expect(purim.calendar.getMonthsInYear(purim)).toBe(13);
    const adarI = isoToCalendarDate('2024-02-23', 'hebrew')!;
    expect([adarI.year, adarI.month, adarI.day]).toEqual([5784, 6, 14]);
    expect(formatCalendarDay('2024-03-24', 'he', 'hebrew')).toMatch(/אדר ב/);
    expect(formatCalendarDay('2024-02-23', 'he', 'hebrew')).toMatch(/אדר א/);
  });

  it('5785 is not: Purim is in month 6, Adar, and the year has 12 months', () => {
    const purim = isoToCalendarDate('2025-03-14', 'hebrew')!;
    expect([purim.year, purim.month, purim.day]).toEqual([5785, 6, 14]);
    expect(purim.calendar.getMonthsInYear(purim)).toBe(12);
  });

  it('Rosh Hashanah starts the year: 1 Tishrei 5786 is 23 September 2025, and back', () => {
    const rosh = isoToCalendarDate('2025-09-23', 'hebrew')!;
    expect([rosh.year, rosh.month, rosh.day]).toEqual([5786, 1, 1]);
    expect(calendarDateToIso(calendarDate('hebrew', 5786, 1, 1))).toBe('2025-09-23');
    expect(calendarDateToIso(rosh.subtract({ days: 1 }))).toBe('2025-09-22');
  });
});

describe('Gregorian days', () => {
  it('29 February exists in leap years only', () => {
    expect(isoToCalendarDate('2024-02-29')?.toString()).toBe('2024-02-29');
    expect(isoToCalendarDate('2025-02-29')).toBeNull();
    expect(isoToCalendarDate('2100-02-29')).toBeNull();
    expect(isoToCalendarDate('2000-02-29')?.toString()).toBe('2000-02-29');
    expect(isoToCalendarDate('not a day')).toBeNull();
    expect(isoToCalendarDate(undefined)).toBeNull();
  });

  it('the last day of a year and the first of the next, in each calendar', () => {
    expect(calendarDateToIso(isoToCalendarDate('2025-12-31', 'persian')!.add({ days: 1 }))).toBe('2026-01-01');
    expect(calendarDateToIso(isoToCalendarDate('2025-12-31', 'hebrew')!.add({ days: 1 }))).toBe('2026-01-01');
    expect(formatCalendarDay('2024-02-29', 'en', 'gregory')).toBe('February 29, 2024');
  });
});

describe('years a Gregorian year overlaps', () => {
  it('leads the holiday year picker with the company calendar', () => {
    expect(calendarYearsOf(2026, 'persian', 'fa')).toBe('۱۴۰۴–۱۴۰۵');
    expect(calendarYearsOf(2026, 'hebrew', 'he')).toBe('5786–5787');
    expect(calendarYearsOf(2026, 'gregory', 'fa')).toBe('۲۰۲۶');
    expect(leadingYear(2026, 'persian')).toBe(1405);
    expect(leadingYear(2026, 'hebrew')).toBe(5786);
    expect(leadingYear(2026, 'gregory')).toBe(2026);
  });
});

describe('times', () => {
  it('24 hours in Persian and Hebrew, and in English unless 12 was chosen', () => {
    expect(hourCycleFor('fa', '12')).toBe(24);
    expect(hourCycleFor('he', '12')).toBe(24);
    expect(hourCycleFor('en', null)).toBe(24);
    expect(hourCycleFor('en', '24')).toBe(24);
    expect(hourCycleFor('en', '12')).toBe(12);
  });

  it('formats on a 24-hour clock in each locale, midnight as 00:00 and the end of the day as 24:00', () => {
    expect(formatTime('09:30', 'fa', 24)).toBe('۰۹:۳۰');
    expect(formatTime('17:05', 'he', 24)).toBe('17:05');
    expect(formatTime('00:00', 'en', 24)).toBe('00:00');
    expect(formatTime('24:00', 'en', 24)).toBe('24:00');
    expect(formatTime('24:00', 'fa', 24)).toBe('۲۴:۰۰');
  });

  it('formats on a 12-hour clock in English', () => {
    expect(formatTime('09:30', 'en', 12)).toBe('9:30 AM');
    expect(formatTime('13:00', 'en', 12)).toBe('1:00 PM');
    expect(formatTime('00:00', 'en', 12)).toBe('12:00 AM');
    expect(formatTime('12:00', 'en', 12)).toBe('12:00 PM');
  });

  it('converts HH:MM to a Time and back; 24:00 is midnight', () => {
    expect(timeToIso(isoToTime('09:05')!)).toBe('09:05');
    expect(timeToIso(isoToTime('23:59:00')!)).toBe('23:59');
    expect(timeToIso(isoToTime('24:00')!)).toBe('00:00');
    expect(isoToTime('25:00')).toBeNull();
    expect(isoToTime('')).toBeNull();
  });

  it('a window from 00:00 to midnight is the whole day', () => {
    expect(isWholeDay('00:00', '24:00')).toBe(true);
    expect(isWholeDay('00:00', '00:00')).toBe(true);
    expect(isWholeDay('00:00', '23:59')).toBe(false);
    expect(isWholeDay('09:00', '24:00')).toBe(false);
  });
});

describe('instants in the company time zone', () => {
  it('reads an ISO instant on the company wall clock and writes it back with that offset', () => {
    const zoned = isoToZoned('2026-03-20T05:30:00Z', 'Asia/Tehran')!;
    expect([zoned.year, zoned.month, zoned.day, zoned.hour, zoned.minute]).toEqual([2026, 3, 20, 9, 0]);
    expect(zonedToIso(zoned)).toBe('2026-03-20T09:00:00+03:30');
    const jerusalem = isoToZoned('2026-03-27T22:30:00Z', 'Asia/Jerusalem')!;
    expect(zonedToIso(jerusalem)).toBe('2026-03-28T01:30:00+03:00');
    expect(isoToZoned('garbage', 'UTC')).toBeNull();
  });
});
