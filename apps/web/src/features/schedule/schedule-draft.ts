import type { ScheduleResponse, UpdateScheduleRequest } from '@dialdeck/contracts/schedule';
import { API_DAYS, isApiDay, type ApiDay } from './week-days';

/**
 * The schedule form's state, kept apart from React so its rules can be tested:
 * windows grouped by API day, times as the <input type="time"> values (HH:MM).
 * A window's `key` is stable for React and for pinning errors to it.
 */
export interface DraftWindow {
  key: string;
  start: string;
  end: string;
}

export interface ScheduleDraft {
  enabled: boolean;
  skip_holidays: boolean;
  /** Indexed by API day (0 = Saturday). */
  days: DraftWindow[][];
}

export type WindowErrorCode = 'required' | 'invalidTime' | 'endBeforeStart' | 'overlap';

/** A problem with one window, client-side (a code to translate) or from the server (its reason). */
export interface WindowError {
  start?: WindowErrorCode | { server: string };
  end?: WindowErrorCode | { server: string };
}

export type WindowErrors = Record<string, WindowError>;

let nextKey = 1;
export function newWindowKey(): string {
  return `w${nextKey++}`;
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/**
 * An API time → the time input's value. "24:00" (a window that runs to midnight)
 * cannot be typed in a time input; the end field shows it as 00:00, and an end
 * of 00:00 is sent back as 24:00 (see toApiEnd).
 */
export function toInputTime(apiTime: string): string {
  const hhmm = apiTime.slice(0, 5);
  return hhmm === '24:00' ? '00:00' : hhmm;
}

/** An end of 00:00 can only mean "until midnight": a window never ends before it starts. */
export function toApiEnd(inputTime: string): string {
  return inputTime === '00:00' ? '24:00' : inputTime;
}

/** Minutes since midnight; the end of a window counts 00:00 as 24:00. */
export function minutesOf(time: string, isEnd = false): number {
  const [h, m] = time.split(':').map(Number);
  const value = (h ?? 0) * 60 + (m ?? 0);
  return isEnd && value === 0 ? 24 * 60 : value;
}

export function emptyDays(): DraftWindow[][] {
  return API_DAYS.map(() => []);
}

export function draftFromSchedule(schedule: ScheduleResponse): ScheduleDraft {
  const days = emptyDays();
  const sorted = [...schedule.windows].sort((a, b) => a.day_of_week - b.day_of_week || a.start_time.localeCompare(b.start_time));
  for (const w of sorted) {
    if (!isApiDay(w.day_of_week)) continue;
    days[w.day_of_week]!.push({ key: newWindowKey(), start: toInputTime(w.start_time), end: toInputTime(w.end_time) });
  }
  return { enabled: schedule.config.enabled, skip_holidays: schedule.config.skip_holidays, days };
}

/** The next window a day gets: office hours on an empty day, else the hour after the last window. */
export function suggestWindow(day: DraftWindow[]): DraftWindow {
  const last = day[day.length - 1];
  if (!last || !HHMM.test(last.end) || minutesOf(last.end, true) >= 23 * 60) {
    return { key: newWindowKey(), start: day.length === 0 ? '09:00' : '', end: day.length === 0 ? '17:00' : '' };
  }
  const start = minutesOf(last.end, true);
  const end = Math.min(start + 60, 24 * 60);
  return { key: newWindowKey(), start: clock(start), end: clock(end % (24 * 60)) };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function addWindow(draft: ScheduleDraft, day: ApiDay): ScheduleDraft {
  return { ...draft, days: draft.days.map((windows, d) => (d === day ? [...windows, suggestWindow(windows)] : windows)) };
}

export function removeWindow(draft: ScheduleDraft, key: string): ScheduleDraft {
  return { ...draft, days: draft.days.map((windows) => windows.filter((w) => w.key !== key)) };
}

export function updateWindow(draft: ScheduleDraft, key: string, patch: Partial<Omit<DraftWindow, 'key'>>): ScheduleDraft {
  return { ...draft, days: draft.days.map((windows) => windows.map((w) => (w.key === key ? { ...w, ...patch } : w))) };
}

/** Every other day gets a copy of this day's windows (new keys: they are separate windows). */
export function copyDayToAll(draft: ScheduleDraft, source: ApiDay): ScheduleDraft {
  const template = draft.days[source] ?? [];
  return {
    ...draft,
    days: draft.days.map((windows, d) => (d === source ? windows : template.map((w) => ({ ...w, key: newWindowKey() })))),
  };
}

/** Client-side checks: both times present and well-formed, start before end, no overlap within a day. */
export function validateDraft(draft: ScheduleDraft): WindowErrors {
  const errors: WindowErrors = {};
  for (const windows of draft.days) {
    const valid: DraftWindow[] = [];
    for (const w of windows) {
      const error: WindowError = {};
      if (!w.start) error.start = 'required';
      else if (!HHMM.test(w.start)) error.start = 'invalidTime';
      if (!w.end) error.end = 'required';
      else if (!HHMM.test(w.end)) error.end = 'invalidTime';
      if (!error.start && !error.end && minutesOf(w.start) >= minutesOf(w.end, true)) error.end = 'endBeforeStart';
      if (error.start || error.end) errors[w.key] = error;
      else valid.push(w);
    }
    // Overlaps only among windows that are valid on their own; the later one is marked.
    valid.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let i = 1; i < valid.length; i++) {
      const previous = valid[i - 1]!;
      const current = valid[i]!;
      if (minutesOf(current.start) < minutesOf(previous.end, true)) errors[current.key] = { start: 'overlap' };
    }
  }
  return errors;
}

export interface ScheduleRequest {
  body: Required<UpdateScheduleRequest>;
  /** The draft key of each entry of body.windows, to pin a server error `windows.<i>.…` on the right window. */
  keys: string[];
}

export function requestFromDraft(draft: ScheduleDraft): ScheduleRequest {
  const windows: Required<UpdateScheduleRequest>['windows'] = [];
  const keys: string[] = [];
  draft.days.forEach((day, dayOfWeek) => {
    for (const w of [...day].sort((a, b) => minutesOf(a.start) - minutesOf(b.start))) {
      windows.push({ day_of_week: dayOfWeek, start_time: w.start, end_time: toApiEnd(w.end) });
      keys.push(w.key);
    }
  });
  return { body: { enabled: draft.enabled, skip_holidays: draft.skip_holidays, windows }, keys };
}

/** What the draft means, without its React keys: two drafts with the same signature are the same schedule. */
export function draftSignature(draft: ScheduleDraft): string {
  return JSON.stringify(requestFromDraft(draft).body);
}

/**
 * A 400's `fields` ({"windows.3.end_time": "must end after it starts"}) → errors on
 * the windows that were sent at those positions; anything else is returned as text
 * for the form as a whole.
 */
export function serverWindowErrors(fields: Record<string, string>, keys: string[]): { windows: WindowErrors; other: string[] } {
  const windows: WindowErrors = {};
  const other: string[] = [];
  for (const [field, reason] of Object.entries(fields)) {
    const match = /^windows\.(\d+)(?:\.(\w+))?$/.exec(field);
    const key = match ? keys[Number(match[1])] : undefined;
    if (!match || !key) {
      other.push(`${field}: ${reason}`);
      continue;
    }
    const entry = (windows[key] ??= {});
    if (match[2] === 'start_time') entry.start ??= { server: reason };
    else entry.end ??= { server: reason };
  }
  return { windows, other };
}
