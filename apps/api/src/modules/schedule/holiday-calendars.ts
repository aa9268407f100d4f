// Official holiday calendars by company locale. Server only: @hebcal/core is GPL-2.0
// and must never be bundled into the web app or the contracts package.
import Holidays from 'date-holidays';
import { HebrewCalendar, flags, holidayDesc, type Event } from '@hebcal/core';
import type { Locale } from '@dialdeck/contracts/common';
import { isoDate } from './schedule-rules';

export interface CalendarHoliday {
  /** Gregorian 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

/** Years the calendars are asked about; outside them a year simply has no calendar dates. */
export const CALENDAR_YEAR_MIN = 1900;
export const CALENDAR_YEAR_MAX = 2200;

let iran: Holidays | undefined;

/**
 * Iran's official (public) holidays falling in a Gregorian year, from date-holidays:
 * the solar Hijri dates (Nowruz, 22 Bahman, …) and the lunar Hijri ones (Tasua,
 * Ashura, Eid al-Fitr, …) as tabulated by the library, so a lunar date may be a day
 * off the announced one — admins can correct it per company.
 */
export function iranianHolidays(year: number): CalendarHoliday[] {
  iran ??= new Holidays('IR', { languages: ['fa'], types: ['public'] });
  return iran
    .getHolidays(year, 'fa')
    .filter((h) => h.type === 'public')
    .map((h) => ({
      // "2026-03-20 00:00:00 -0600": a lunar day starts at the previous sunset; the
      // civil day off is the date written first.
      date: h.date.slice(0, 10),
      name: cleanPersian(h.name),
    }));
}

/**
 * Names as the library spells them, Arabic presentation forms (ﺷﻬﺎدت) included; the
 * service stores them through normalizeHolidayName (holiday-name.ts), which turns
 * them into ordinary letters and keeps their joining with a ZWNJ ("علیه‌السلام").
 */
function cleanPersian(name: string): string {
  // U+FDF2 (the "Allah" ligature) is missing from Persian web fonts: spell it out.
  return name
    .replace(/\uFDF2/g, 'الله')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Israeli holidays on which work stops: the yom tov days of the Israeli schedule
 * (Rosh Hashana I and II, Yom Kippur, Sukkot I, Shmini Atzeret, Pesach I and VII,
 * Shavuot) and Yom HaAtzma'ut (with its legal postponements, as hebcal computes
 * them). Chanukah, Purim, chol hamoed and fasts other than Yom Kippur are working days.
 */
export function israeliHolidays(year: number, lang: 'he' | 'en' = 'he'): CalendarHoliday[] {
  const events: Event[] = HebrewCalendar.calendar({
    year,
    il: true,
    noMinorFast: true,
    noRoshChodesh: true,
    noSpecialShabbat: true,
  });
  return events
    .filter((e) => (e.getFlags() & flags.CHAG) !== 0 || e.getDesc() === holidayDesc.YOM_HAATZMA_UT)
    .map((e) => {
      // greg() builds the date at local midnight, so read it back with local getters.
      const d = e.getDate().greg();
      return { date: isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate()), name: e.render(lang === 'he' ? 'he-x-NoNikud' : 'en') };
    });
}

const cache = new Map<string, CalendarHoliday[]>();

/**
 * The calendar holidays a company of this locale gets for a Gregorian year, one
 * entry per date (two holidays on one day share it), sorted by date: Iranian for
 * `fa`, Israeli for `he`, none for `en`.
 */
export function calendarHolidays(locale: Locale, year: number): CalendarHoliday[] {
  if (locale === 'en' || !Number.isInteger(year) || year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX) return [];
  const key = `${locale}:${year}`;
  let list = cache.get(key);
  if (!list) {
    const raw = locale === 'fa' ? iranianHolidays(year) : israeliHolidays(year, 'he');
    const byDate = new Map<string, string[]>();
    for (const h of raw) {
      const names = byDate.get(h.date) ?? [];
      if (!names.includes(h.name)) names.push(h.name);
      byDate.set(h.date, names);
    }
    const separator = locale === 'fa' ? '، ' : ', ';
    list = [...byDate.entries()]
      .filter(([date]) => date.startsWith(`${year}-`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, names]) => ({ date, name: names.join(separator) }));
    cache.set(key, list);
  }
  return list;
}
