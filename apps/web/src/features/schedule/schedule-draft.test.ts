import { describe, expect, it } from 'vitest';
import type { ScheduleResponse } from '@dialdeck/contracts/schedule';
import {
  addWindow,
  copyDayToAll,
  draftFromSchedule,
  draftSignature,
  requestFromDraft,
  serverWindowErrors,
  toInputTime,
  updateWindow,
  validateDraft,
  type ScheduleDraft,
} from './schedule-draft';
import { apiDayOfJsDay, weekOrder } from './week-days';

const schedule: ScheduleResponse = {
  config: { enabled: true, skip_holidays: true, disabled_by_dialer: false, version: 4, updated_at: '2026-01-01T10:00:00+03:30' },
  windows: [
    { id: 2, day_of_week: 2, start_time: '14:00:00', end_time: '24:00:00' },
    { id: 1, day_of_week: 2, start_time: '09:00:00', end_time: '12:30:00' },
    { id: 3, day_of_week: 0, start_time: '08:00', end_time: '16:00' },
  ],
};

describe('week order', () => {
  it('starts on Saturday in Persian, Sunday in Hebrew and Monday in English, in API numbering (0 = Saturday)', () => {
    expect(weekOrder('fa')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(weekOrder('he')).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(weekOrder('en')).toEqual([2, 3, 4, 5, 6, 0, 1]);
  });

  it('maps JavaScript days (0 = Sunday) to API days (0 = Saturday)', () => {
    expect(apiDayOfJsDay(6)).toBe(0);
    expect(apiDayOfJsDay(0)).toBe(1);
    expect(apiDayOfJsDay(5)).toBe(6);
  });
});

describe('schedule draft', () => {
  it('groups windows by API day, sorted, with times as the time input shows them (24:00 as 00:00)', () => {
    const draft = draftFromSchedule(schedule);
    expect(draft.days[2]!.map((w) => [w.start, w.end])).toEqual([
      ['09:00', '12:30'],
      ['14:00', '00:00'],
    ]);
    expect(draft.days[0]!.map((w) => [w.start, w.end])).toEqual([['08:00', '16:00']]);
    expect(toInputTime('24:00')).toBe('00:00');
  });

  it('sends the windows in API days with 00:00 as the end of the day, and keeps the key of each position', () => {
    const draft = draftFromSchedule(schedule);
    const { body, keys } = requestFromDraft(draft);
    expect(body.windows).toEqual([
      { day_of_week: 0, start_time: '08:00', end_time: '16:00' },
      { day_of_week: 2, start_time: '09:00', end_time: '12:30' },
      { day_of_week: 2, start_time: '14:00', end_time: '24:00' },
    ]);
    expect(keys).toEqual([draft.days[0]![0]!.key, draft.days[2]![0]!.key, draft.days[2]![1]!.key]);
    expect(body.enabled).toBe(true);
  });

  it('flags a window that ends before it starts, an empty time and an overlap', () => {
    let draft: ScheduleDraft = { enabled: true, skip_holidays: false, days: [[], [], [], [], [], [], []] };
    draft = addWindow(draft, 3);
    draft = addWindow(draft, 3);
    const [first, second] = draft.days[3]!;
    expect([first!.start, first!.end, second!.start, second!.end]).toEqual(['09:00', '17:00', '17:00', '18:00']);
    expect(validateDraft(draft)).toEqual({});

    draft = updateWindow(draft, second!.key, { start: '19:00', end: '18:00' });
    expect(validateDraft(draft)).toEqual({ [second!.key]: { end: 'endBeforeStart' } });

    draft = updateWindow(draft, second!.key, { start: '16:00', end: '18:00' });
    expect(validateDraft(draft)).toEqual({ [second!.key]: { start: 'overlap' } });

    draft = updateWindow(draft, second!.key, { start: '', end: '18:00' });
    expect(validateDraft(draft)).toEqual({ [second!.key]: { start: 'required' } });

    draft = updateWindow(draft, second!.key, { start: '22:00', end: '00:00' });
    expect(validateDraft(draft)).toEqual({});
  });

  it('copies a day to every other day as separate windows', () => {
    const draft = copyDayToAll(draftFromSchedule(schedule), 2);
    for (const day of draft.days) expect(day.map((w) => w.start)).toEqual(['09:00', '14:00']);
    const keys = draft.days.flat().map((w) => w.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('compares drafts by meaning, not by keys', () => {
    expect(draftSignature(draftFromSchedule(schedule))).toBe(draftSignature(draftFromSchedule(schedule)));
  });

  it('pins server field errors on the window sent at that position', () => {
    const { keys } = requestFromDraft(draftFromSchedule(schedule));
    const mapped = serverWindowErrors({ 'windows.1.end_time': 'must end after it starts', 'windows.2': 'overlaps', enabled: 'bad' }, keys);
    expect(mapped.windows).toEqual({
      [keys[1]!]: { end: { server: 'must end after it starts' } },
      [keys[2]!]: { end: { server: 'overlaps' } },
    });
    expect(mapped.other).toEqual(['enabled: bad']);
  });
});
