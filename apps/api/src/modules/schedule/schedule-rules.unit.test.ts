import { describe, expect, it } from 'vitest';
import {
  evaluateSchedule,
  localClock,
  nextAllowedAt,
  persianWeekday,
  retryAfterFor,
  secondsOfDay,
  type ScheduleFlags,
  type ScheduleInput,
  type WindowSpec,
} from './schedule-rules';

const ON: ScheduleFlags = { enabled: true, skip_holidays: true, disabled_by_dialer: false };
const TEHRAN = 'Asia/Tehran';
const JERUSALEM = 'Asia/Jerusalem';

const w = (day_of_week: number, start_time: string, end_time: string): WindowSpec => ({ day_of_week, start_time, end_time });

function input(windows: WindowSpec[], over: Partial<ScheduleInput> = {}): ScheduleInput {
  return { config: ON, windows, holidays: new Set(), timeZone: TEHRAN, ...over };
}

// January 2026: Sat 3, Sun 4, Mon 5, Tue 6, Wed 7, Thu 8, Fri 9 (Persian days 0 … 6).
const TEHRAN_WEEK = [
  w(0, '09:00', '12:00'),
  w(0, '13:00', '17:00'),
  w(2, '22:00', '24:00'),
  w(3, '00:00', '02:00'),
  w(4, '10:00:30', '10:00:45'),
];

describe('persian week', () => {
  it.each([
    [6, 0, 'Saturday'],
    [0, 1, 'Sunday'],
    [1, 2, 'Monday'],
    [2, 3, 'Tuesday'],
    [3, 4, 'Wednesday'],
    [4, 5, 'Thursday'],
    [5, 6, 'Friday'],
  ])('JS day %i → %i (%s)', (js, persian) => {
    expect(persianWeekday(js)).toBe(persian);
  });

  it.each([
    ['2026-01-03T09:00:00+03:30', TEHRAN, '2026-01-03', 0],
    ['2026-01-04T09:00:00+03:30', TEHRAN, '2026-01-04', 1],
    ['2026-01-09T23:59:59+03:30', TEHRAN, '2026-01-09', 6],
    // One instant, two local days: Saturday 00:30 in Tehran is still Friday in Jerusalem.
    ['2026-01-02T21:00:00Z', TEHRAN, '2026-01-03', 0],
    ['2026-01-02T21:00:00Z', JERUSALEM, '2026-01-02', 6],
  ])('%s in %s is %s, day %i', (at, tz, date, day) => {
    const c = localClock(new Date(at), tz);
    expect(c.date).toBe(date);
    expect(c.dayOfWeek).toBe(day);
  });
});

describe('secondsOfDay', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 34_200],
    ['09:30:15', 34_215],
    ['23:59:59', 86_399],
    ['24:00', 86_400],
    ['24:00:00', 86_400],
  ])('%s → %i', (t, s) => expect(secondsOfDay(t)).toBe(s));
  it('refuses what is not a time', () => expect(() => secondsOfDay('9:00')).toThrow());
});

describe('evaluateSchedule: windows on the Tehran wall clock', () => {
  it.each([
    ['2026-01-03T08:59:59+03:30', 'outside_allowed_time_window'],
    ['2026-01-03T09:00:00+03:30', null],
    ['2026-01-03T11:59:59+03:30', null],
    ['2026-01-03T12:00:00+03:30', 'outside_allowed_time_window'], // end is exclusive
    ['2026-01-03T12:30:00+03:30', 'outside_allowed_time_window'], // between two windows of a day
    ['2026-01-03T13:00:00+03:30', null],
    ['2026-01-03T16:59:59+03:30', null],
    ['2026-01-03T17:00:00+03:30', 'outside_allowed_time_window'],
    ['2026-01-04T10:00:00+03:30', 'no_window'], // Sunday has none
    ['2026-01-05T21:59:59+03:30', 'outside_allowed_time_window'],
    ['2026-01-05T22:00:00+03:30', null],
    ['2026-01-05T23:59:59+03:30', null], // '24:00' closes at midnight …
    ['2026-01-06T00:00:00+03:30', null], // … where Tuesday's 00:00 window takes over
    ['2026-01-06T01:59:59+03:30', null],
    ['2026-01-06T02:00:00+03:30', 'outside_allowed_time_window'],
    ['2026-01-07T10:00:29+03:30', 'outside_allowed_time_window'], // windows with seconds
    ['2026-01-07T10:00:30+03:30', null],
    ['2026-01-07T10:00:45+03:30', 'outside_allowed_time_window'],
    ['2026-01-08T10:00:00+03:30', 'no_window'],
    ['2026-01-09T10:00:00+03:30', 'no_window'], // Friday
  ])('%s → %s', (at, reason) => {
    const v = evaluateSchedule(input(TEHRAN_WEEK), new Date(at));
    expect(v).toEqual(reason === null ? { allowed: true } : { allowed: false, reason, retryAfterSeconds: 900 });
  });

  it('a midnight-to-midnight window holds all day', () => {
    const s = input([w(6, '00:00', '24:00')]);
    expect(evaluateSchedule(s, new Date('2026-01-09T00:00:00+03:30')).allowed).toBe(true);
    expect(evaluateSchedule(s, new Date('2026-01-09T23:59:59.999+03:30')).allowed).toBe(true);
    expect(evaluateSchedule(s, new Date('2026-01-10T00:00:00+03:30'))).toMatchObject({ reason: 'no_window' });
  });

  it('overlapping windows are a union', () => {
    const s = input([w(0, '09:00', '12:00'), w(0, '11:00', '14:00')]);
    expect(evaluateSchedule(s, new Date('2026-01-03T13:30:00+03:30')).allowed).toBe(true);
    expect(evaluateSchedule(s, new Date('2026-01-03T14:00:00+03:30')).allowed).toBe(false);
  });
});

describe('evaluateSchedule: refusal order and retry hints', () => {
  const windows = [w(0, '00:00', '24:00')];
  const sat = new Date('2026-01-03T10:00:00+03:30');
  const holiday = new Set(['2026-01-03']);

  it.each([
    [{ enabled: false }, holiday, 'disabled', 300],
    [{ disabled_by_dialer: true }, holiday, 'disabled', 300],
    [{ enabled: true }, holiday, 'holiday', 900],
    [{ skip_holidays: false }, holiday, null, 0],
    [{}, new Set(['2026-01-04']), null, 0],
  ])('%j with holidays %j → %s', (flags, holidays, reason, retry) => {
    const v = evaluateSchedule(input(windows, { config: { ...ON, ...flags }, holidays }), sat);
    expect(v).toEqual(reason === null ? { allowed: true } : { allowed: false, reason, retryAfterSeconds: retry });
  });

  it('a holiday beats no_window; disabled beats everything', () => {
    expect(evaluateSchedule(input([], { holidays: holiday }), sat)).toMatchObject({ reason: 'holiday' });
    expect(evaluateSchedule(input([], { holidays: holiday, config: { ...ON, enabled: false } }), sat)).toMatchObject({
      reason: 'disabled',
    });
    expect(evaluateSchedule(input([]), sat)).toEqual({ allowed: false, reason: 'no_window', retryAfterSeconds: 900 });
  });

  it('the holiday is the local date, not the UTC one', () => {
    // 2026-03-20T21:00Z is 00:30 on 21 March (Nowruz) in Tehran, still 20 March in UTC.
    const at = new Date('2026-03-20T21:00:00Z');
    const s = { windows: [w(0, '00:00', '24:00'), w(6, '00:00', '24:00')], holidays: new Set(['2026-03-21']) };
    expect(evaluateSchedule(input(s.windows, { holidays: s.holidays }), at)).toMatchObject({ reason: 'holiday' });
    expect(evaluateSchedule(input(s.windows, { holidays: s.holidays, timeZone: 'UTC' }), at)).toEqual({ allowed: true });
  });

  it.each([
    ['disabled', 300],
    ['insufficient_funds', 300],
    ['holiday', 900],
    ['no_window', 900],
    ['outside_allowed_time_window', 900],
  ] as const)('retry after %s = %i s', (reason, s) => expect(retryAfterFor(reason)).toBe(s));
});

describe('evaluateSchedule: Tehran vs Jerusalem, and DST', () => {
  it('one instant is Saturday 00:30 in Tehran (allowed) and Friday 23:00 in Jerusalem (no window)', () => {
    const at = new Date('2026-01-02T21:00:00Z');
    const windows = [w(0, '00:00', '01:00')];
    expect(evaluateSchedule(input(windows), at)).toEqual({ allowed: true });
    expect(evaluateSchedule(input(windows, { timeZone: JERUSALEM }), at)).toMatchObject({ reason: 'no_window' });
  });

  it('Tehran keeps +03:30 in summer (no DST since 2022)', () => {
    const windows = [w(2, '09:00', '17:00')]; // Monday
    expect(evaluateSchedule(input(windows), new Date('2026-06-15T05:30:00Z')).allowed).toBe(true); // 09:00
    expect(evaluateSchedule(input(windows), new Date('2026-06-15T05:29:59Z')).allowed).toBe(false);
    expect(evaluateSchedule(input(windows), new Date('2026-06-15T13:29:59Z')).allowed).toBe(true); // 16:59:59
    expect(evaluateSchedule(input(windows), new Date('2026-06-15T13:30:00Z')).allowed).toBe(false);
  });

  // Israel: 02:00 → 03:00 on Friday 27 March 2026; 02:00 → 01:00 on Sunday 25 October 2026.
  const il = (windows: WindowSpec[]) => input(windows, { timeZone: JERUSALEM });

  it.each([
    ['2026-03-26T23:59:59Z', false], // 01:59:59 +02:00
    ['2026-03-27T00:00:00Z', false], // 03:00 +03:00: the 02:00–03:00 window never happened
    ['2026-03-27T05:59:59Z', false], // 08:59:59 +03:00
    ['2026-03-27T06:00:00Z', true], // 09:00 +03:00 (would be 08:00 at the winter offset)
    ['2026-03-27T13:59:59Z', true],
    ['2026-03-27T14:00:00Z', false], // 17:00 +03:00
  ])('spring forward: %s → %s', (at, allowed) => {
    expect(evaluateSchedule(il([w(6, '02:00', '03:00'), w(6, '09:00', '17:00')]), new Date(at)).allowed).toBe(allowed);
  });

  it.each([
    ['2026-10-24T21:59:59Z', false], // 00:59:59 +03:00
    ['2026-10-24T22:30:00Z', true], // 01:30 +03:00
    ['2026-10-24T23:30:00Z', true], // 01:30 again, +02:00: the repeated hour is in the window twice
    ['2026-10-25T00:00:00Z', false], // 02:00 +02:00
  ])('fall back: %s → %s', (at, allowed) => {
    expect(evaluateSchedule(il([w(1, '01:00', '02:00')]), new Date(at)).allowed).toBe(allowed);
  });

  it('a Jerusalem window follows the wall clock across the switch', () => {
    const s = il([w(5, '09:00', '10:00'), w(0, '09:00', '10:00')]); // Thursday and Saturday
    expect(evaluateSchedule(s, new Date('2026-03-26T07:00:00Z')).allowed).toBe(true); // Thu 09:00 +02:00
    expect(evaluateSchedule(s, new Date('2026-03-28T06:00:00Z')).allowed).toBe(true); // Sat 09:00 +03:00
    expect(evaluateSchedule(s, new Date('2026-03-28T07:00:00Z')).allowed).toBe(false); // Sat 10:00 +03:00
  });
});

describe('nextAllowedAt', () => {
  const workweek = [0, 1, 2, 3, 4].map((d) => w(d, '09:00', '17:00')); // Saturday … Wednesday

  it('is `from` itself inside a window', () => {
    const from = new Date('2026-01-03T10:00:00+03:30');
    expect(nextAllowedAt(input(workweek), from)).toEqual(from);
  });

  it.each([
    ['before the first window of the day', '2026-01-03T08:00:00+03:30', '2026-01-03T09:00:00+03:30'],
    ['at the exclusive end of a window', '2026-01-03T17:00:00+03:30', '2026-01-04T09:00:00+03:30'],
    ['across the weekend (Wed evening → Sat)', '2026-01-07T18:00:00+03:30', '2026-01-10T09:00:00+03:30'],
    ['from Friday', '2026-01-09T12:00:00+03:30', '2026-01-10T09:00:00+03:30'],
  ])('%s', (_label, from, expected) => {
    expect(nextAllowedAt(input(workweek), new Date(from))?.toISOString()).toBe(new Date(expected).toISOString());
  });

  it('between two windows of a day → the second one', () => {
    expect(nextAllowedAt(input(TEHRAN_WEEK), new Date('2026-01-03T12:30:00+03:30'))?.toISOString()).toBe(
      new Date('2026-01-03T13:00:00+03:30').toISOString(),
    );
  });

  it('skips holidays (a weekend followed by a holiday Saturday → Sunday)', () => {
    const s = input(workweek, { holidays: new Set(['2026-01-10']) });
    expect(nextAllowedAt(s, new Date('2026-01-07T18:00:00+03:30'))?.toISOString()).toBe(
      new Date('2026-01-11T09:00:00+03:30').toISOString(),
    );
    // Unless holidays are not skipped.
    const noSkip = input(workweek, { holidays: new Set(['2026-01-10']), config: { ...ON, skip_holidays: false } });
    expect(nextAllowedAt(noSkip, new Date('2026-01-07T18:00:00+03:30'))?.toISOString()).toBe(
      new Date('2026-01-10T09:00:00+03:30').toISOString(),
    );
  });

  it('from inside a window on a holiday → the next working window', () => {
    const s = input(workweek, { holidays: new Set(['2026-01-03']) });
    expect(nextAllowedAt(s, new Date('2026-01-03T10:00:00+03:30'))?.toISOString()).toBe(
      new Date('2026-01-04T09:00:00+03:30').toISOString(),
    );
  });

  it('a window at 00:00 opens right after a holiday ends at midnight', () => {
    const s = input([w(0, '00:00', '24:00'), w(1, '00:00', '06:00')], { holidays: new Set(['2026-01-03']) });
    expect(nextAllowedAt(s, new Date('2026-01-03T10:00:00+03:30'))?.toISOString()).toBe(
      new Date('2026-01-04T00:00:00+03:30').toISOString(),
    );
  });

  it('null when disabled, without windows, or when every window day is a holiday for 14 days', () => {
    const from = new Date('2026-01-03T08:00:00+03:30');
    expect(nextAllowedAt(input(workweek, { config: { ...ON, enabled: false } }), from)).toBeNull();
    expect(nextAllowedAt(input(workweek, { config: { ...ON, disabled_by_dialer: true } }), from)).toBeNull();
    expect(nextAllowedAt(input([]), from)).toBeNull();
    const saturdays = new Set(['2026-01-03', '2026-01-10', '2026-01-17']);
    expect(nextAllowedAt(input([w(0, '09:00', '17:00')], { holidays: saturdays }), from)).toBeNull();
    // The fourth Saturday is beyond the horizon of 14 days.
    expect(nextAllowedAt(input([w(0, '09:00', '17:00')], { holidays: new Set(['2026-01-03', '2026-01-10']) }), from)?.toISOString()).toBe(
      new Date('2026-01-17T09:00:00+03:30').toISOString(),
    );
  });

  it('Jerusalem: a window starting in the skipped hour opens when the clock lands after the gap', () => {
    const s = input([w(6, '02:00', '04:00')], { timeZone: JERUSALEM });
    // Thursday 22:00 +02:00 → Friday 03:00 +03:00, the first instant of that day's window.
    expect(nextAllowedAt(s, new Date('2026-03-26T20:00:00Z'))?.toISOString()).toBe('2026-03-27T00:00:00.000Z');
    // A window wholly inside the skipped hour never opens that day: next Friday.
    const gap = input([w(6, '02:00', '03:00')], { timeZone: JERUSALEM });
    expect(nextAllowedAt(gap, new Date('2026-03-26T20:00:00Z'))?.toISOString()).toBe('2026-04-02T23:00:00.000Z');
  });

  it('Jerusalem: a Sunday window after the autumn switch opens at the winter offset', () => {
    const s = input([w(1, '09:00', '17:00')], { timeZone: JERUSALEM });
    expect(nextAllowedAt(s, new Date('2026-10-24T12:00:00Z'))?.toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });
});
