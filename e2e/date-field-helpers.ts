import { expect, type Locator, type Page } from '@playwright/test';

/**
 * React Aria's date and time fields are groups of spin buttons (one per segment: year,
 * month, day, hour, minute), not <input>s: these helpers type into them as a keyboard
 * user does — focus a segment, type its digits — and read them back by their values.
 */

type Scope = Page | Locator;
type SegmentType = 'year' | 'month' | 'day' | 'hour' | 'minute';

/** The field (its group of segments) by its accessible name. */
export function dateField(scope: Scope, name: string): Locator {
  return scope.getByRole('group', { name, exact: true });
}

/** One end of a date range field ('start' or 'end'). */
export function rangeEnd(range: Locator, end: 'start' | 'end'): Locator {
  return range.locator(`[data-range-end="${end}"]`);
}

export function segment(field: Locator, type: SegmentType): Locator {
  return field.locator(`[data-type="${type}"]`);
}

async function typeSegment(field: Locator, type: SegmentType, digits: string): Promise<void> {
  const target = segment(field, type);
  await target.focus();
  await expect(target).toBeFocused();
  await target.page().keyboard.type(digits);
}

/** Types "HH:MM" (24-hour) into a time field. */
export async function fillTime(field: Locator, hhmm: string): Promise<void> {
  const [hour, minute] = hhmm.split(':') as [string, string];
  await typeSegment(field, 'hour', hour);
  await typeSegment(field, 'minute', minute);
}

/** The field shows "HH:MM" (24-hour), whatever digits it writes them in. */
export async function expectTime(field: Locator, hhmm: string): Promise<void> {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  await expect(segment(field, 'hour')).toHaveAttribute('aria-valuenow', String(hour));
  await expect(segment(field, 'minute')).toHaveAttribute('aria-valuenow', String(minute));
}

/**
 * Types a day into a date field in the field's own calendar: `{ year: 1404, month: 1, day: 1 }`
 * is 1 Farvardin 1404 in a Jalali field. Year first, then month, then day, so no step is
 * clamped by the one before it.
 */
export async function fillDay(field: Locator, day: { year: number; month: number; day: number }): Promise<void> {
  await typeSegment(field, 'year', String(day.year));
  await typeSegment(field, 'month', String(day.month).padStart(2, '0'));
  await typeSegment(field, 'day', String(day.day).padStart(2, '0'));
}

/** "YYYY-MM-DD" into a Gregorian date field. */
export async function fillIsoDate(field: Locator, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  await fillDay(field, { year, month, day });
}
