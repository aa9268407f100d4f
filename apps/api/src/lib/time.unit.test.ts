import { describe, expect, it } from 'vitest';
import { fixedClock, offsetMinutes, parseBound, toZonedIso, wallTimeToDate, zonedParts } from './time';

describe('toZonedIso', () => {
  it.each([
    ['2026-01-01T06:35:00.000Z', 'Asia/Tehran', '2026-01-01T10:05:00.000+03:30'],
    ['2026-07-01T06:35:00.000Z', 'Asia/Tehran', '2026-07-01T10:05:00.000+03:30'],
    ['2026-01-01T08:00:00.000Z', 'Asia/Jerusalem', '2026-01-01T10:00:00.000+02:00'],
    ['2026-07-01T07:00:00.000Z', 'Asia/Jerusalem', '2026-07-01T10:00:00.000+03:00'],
    ['2026-03-01T12:34:56.789Z', 'UTC', '2026-03-01T12:34:56.789+00:00'],
    ['2026-03-01T12:00:00.000Z', 'America/New_York', '2026-03-01T07:00:00.000-05:00'],
    ['2026-12-31T21:30:00.000Z', 'Asia/Tehran', '2027-01-01T01:00:00.000+03:30'],
  ])('%s in %s → %s', (utc, tz, expected) => {
    expect(toZonedIso(new Date(utc), tz)).toBe(expected);
  });

  it('round-trips through Date', () => {
    const d = new Date('2026-10-25T23:59:59.123Z');
    for (const tz of ['Asia/Tehran', 'Asia/Jerusalem', 'Asia/Kolkata', 'UTC']) {
      expect(new Date(toZonedIso(d, tz)).getTime()).toBe(d.getTime());
    }
  });
});

describe('offsetMinutes / zonedParts', () => {
  it('Israel moves to summer time on the last Friday before the last Sunday of March', () => {
    expect(offsetMinutes(new Date('2026-03-26T23:00:00Z'), 'Asia/Jerusalem')).toBe(120);
    expect(offsetMinutes(new Date('2026-03-27T01:00:00Z'), 'Asia/Jerusalem')).toBe(180);
  });
  it('Iran keeps +03:30 all year', () => {
    expect(offsetMinutes(new Date('2026-01-15T00:00:00Z'), 'Asia/Tehran')).toBe(210);
    expect(offsetMinutes(new Date('2026-06-15T00:00:00Z'), 'Asia/Tehran')).toBe(210);
  });
  it('gives wall-clock fields', () => {
    expect(zonedParts(new Date('2026-01-01T20:30:00Z'), 'Asia/Tehran')).toEqual({
      year: 2026,
      month: 1,
      day: 2,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });
});

describe('fixedClock', () => {
  it('stands still until moved', () => {
    const c = fixedClock('2026-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    c.advance(90_000);
    expect(c.now().toISOString()).toBe('2026-01-01T00:01:30.000Z');
    c.set('2027-02-02T00:00:00Z');
    expect(c.now().getUTCFullYear()).toBe(2027);
  });
});

describe('wallTimeToDate / parseBound', () => {
  it('turns zone wall time into the instant', () => {
    expect(wallTimeToDate({ year: 2026, month: 1, day: 1 }, 'Asia/Tehran').toISOString()).toBe('2025-12-31T20:30:00.000Z');
    expect(wallTimeToDate({ year: 2026, month: 7, day: 1, hour: 9 }, 'Asia/Jerusalem').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(wallTimeToDate({ year: 2026, month: 1, day: 1, hour: 9 }, 'Asia/Jerusalem').toISOString()).toBe('2026-01-01T07:00:00.000Z');
  });
  it.each([
    ['2026-03-10', false, 'Asia/Tehran', '2026-03-09T20:30:00.000Z'],
    ['2026-03-10', true, 'Asia/Tehran', '2026-03-10T20:30:00.000Z'],
    ['2026-03-10T08:00', false, 'Asia/Tehran', '2026-03-10T04:30:00.000Z'],
    ['2026-03-10T08:00:00+00:00', false, 'Asia/Tehran', '2026-03-10T08:00:00.000Z'],
    ['2026-03-10T08:00:00Z', true, 'Asia/Jerusalem', '2026-03-10T08:00:00.000Z'],
  ])('%s (end=%s) in %s → %s', (v, end, tz, expected) => {
    expect(parseBound(v, tz, end).toISOString()).toBe(expected);
  });
});
