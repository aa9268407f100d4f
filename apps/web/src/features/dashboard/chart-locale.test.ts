import { describe, expect, it } from 'vitest';
import { bucketFormatter, chartDirection } from './chart-locale';

describe('chartDirection', () => {
  it('is right to left in fa and he only', () => {
    expect(chartDirection('fa').rtl).toBe(true);
    expect(chartDirection('he').rtl).toBe(true);
    expect(chartDirection('en').rtl).toBe(false);
  });
});

describe('bucketFormatter', () => {
  it('labels a daily bucket with its Jalali day in Persian digits', () => {
    // 1 Farvardin 1405 (Nowruz) starts at local midnight in Tehran.
    const label = bucketFormatter('fa', 'Asia/Tehran', '7d', 'daily')('2026-03-21T00:00:00.000+03:30');
    expect(label).toMatch(/۱/);
    expect(label).toMatch(/فروردین/);
    expect(label).not.toMatch(/[0-9]/);
  });

  it('labels the hours of a day by their local time in the company zone', () => {
    const format = bucketFormatter('en', 'Asia/Jerusalem', '24h', 'hourly');
    // The spring-forward night: 02:00 local does not exist, 01:00 is followed by 03:00.
    expect(format('2026-03-27T01:00:00.000+02:00')).toBe('01:00');
    expect(format('2026-03-27T03:00:00.000+03:00')).toBe('03:00');
  });

  it('adds the day to hours of a longer span, and keeps the Gregorian calendar in he', () => {
    const label = bucketFormatter('he', 'Asia/Jerusalem', '7d', 'hourly')('2026-12-31T23:00:00.000+02:00');
    expect(label).toMatch(/31/);
    expect(label).toMatch(/23/);
  });
});
