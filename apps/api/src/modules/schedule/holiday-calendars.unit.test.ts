import { describe, expect, it } from 'vitest';
import { calendarHolidays, iranianHolidays, israeliHolidays } from './holiday-calendars';

const dates = (list: Array<{ date: string }>) => list.map((h) => h.date);

describe('Iranian calendar (fa)', () => {
  it.each([
    // 1–4 Farvardin 1404 and 1405.
    [2025, ['2025-03-21', '2025-03-22', '2025-03-23', '2025-03-24']],
    [2026, ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']],
  ])('Nowruz (1–4 Farvardin) is in %i', (year, nowruz) => {
    const list = calendarHolidays('fa', year);
    for (const d of nowruz) {
      const h = list.find((x) => x.date === d);
      expect(h, d).toBeDefined();
      expect(h!.name).toContain('نوروز');
    }
  });

  it('has the other fixed solar dates (13 Farvardin, 14–15 Khordad, 22 Bahman, 29 Esfand) in 2026', () => {
    expect(dates(calendarHolidays('fa', 2026))).toEqual(
      expect.arrayContaining(['2026-04-02', '2026-06-04', '2026-06-05', '2026-02-11', '2026-03-20']),
    );
  });

  it('has lunar holidays (Tasua and Ashura) on the civil day, not the eve the lunar day starts', () => {
    const list = iranianHolidays(2026);
    expect(list.find((h) => h.date === '2026-06-24')?.name).toMatch(/ﺗﺎﺳﻮﻋﺎ/);
    expect(list.find((h) => h.date === '2026-06-25')?.name).toMatch(/ﻋﺎﺷﻮرا/);
  });

  it('gives one entry per date, sorted, all within the year; two holidays on one day share it', () => {
    for (const year of [2025, 2026, 2027]) {
      const list = calendarHolidays('fa', year);
      expect(list.length).toBeGreaterThan(20);
      expect(new Set(dates(list)).size).toBe(list.length);
      expect(dates(list)).toEqual([...dates(list)].sort());
      expect(list.every((h) => h.date.startsWith(`${year}-`) && h.name.length > 0)).toBe(true);
    }
    // 20 March 2026: Eid al-Fitr and the oil nationalisation day.
    expect(calendarHolidays('fa', 2026).find((h) => h.date === '2026-03-20')?.name).toContain('، ');
  });

  it('names are Persian', () => {
    for (const h of calendarHolidays('fa', 2026)) expect(h.name).toMatch(/[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]/);
  });
});

describe('Israeli calendar (he)', () => {
  it('2026: exactly the yom tov days of the Israeli schedule and Yom HaAtzma’ut', () => {
    expect(dates(calendarHolidays('he', 2026))).toEqual([
      '2026-04-02', // Pesach I
      '2026-04-08', // Pesach VII
      '2026-04-22', // Yom HaAtzma'ut
      '2026-05-22', // Shavuot (one day in Israel)
      '2026-09-12', // Rosh Hashana I
      '2026-09-13', // Rosh Hashana II
      '2026-09-21', // Yom Kippur
      '2026-09-26', // Sukkot I
      '2026-10-03', // Shmini Atzeret
    ]);
  });

  it('Yom Kippur is there; Chanukah, Purim, chol hamoed, Pesach VIII and Shavuot II are not', () => {
    const en = israeliHolidays(2025, 'en');
    expect(en.find((h) => h.date === '2025-10-02')?.name).toBe('Yom Kippur');
    const names = en.map((h) => h.name).join('|');
    expect(names).not.toMatch(/Chanukah|Purim|CH''M|Pesach VIII|Shavuot II|Simchat Torah/);
    const chanukah2026 = ['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12'];
    expect(dates(calendarHolidays('he', 2026)).filter((d) => chanukah2026.includes(d))).toEqual([]);
    expect(dates(calendarHolidays('he', 2026))).not.toContain('2026-03-03'); // Purim
  });

  it('names are Hebrew without vowel points', () => {
    const list = calendarHolidays('he', 2026);
    expect(list.find((h) => h.date === '2026-09-21')?.name).toBe('יום כיפור');
    for (const h of list) expect(h.name).not.toMatch(/[\u0591-\u05C7]/);
  });

  it('does not depend on the process time zone', () => {
    // greg() builds local-midnight dates; the dates must read back the same everywhere.
    expect(dates(israeliHolidays(2027)).length).toBe(9);
  });
});

describe('English (en) and out-of-range years', () => {
  it('have no calendar holidays', () => {
    expect(calendarHolidays('en', 2026)).toEqual([]);
    expect(calendarHolidays('fa', 1800)).toEqual([]);
    expect(calendarHolidays('he', 3000)).toEqual([]);
  });
});
