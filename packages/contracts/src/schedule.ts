import { z } from 'zod';
import { CompanyScopeQuery, Timestamp, displayText, RowId, Count } from './common';

/** HH:MM or HH:MM:SS, 00:00 … 24:00 (24:00 closes a window at midnight). */
export const TimeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$|^24:00(?::00)?$/, 'a time such as 09:00 or 17:30');

/** 0 = Saturday … 6 = Friday (the Persian week), whatever the locale. */
export const DayOfWeek = z.number().int().min(0, '0 (Saturday) to 6 (Friday)').max(6, '0 (Saturday) to 6 (Friday)');

export const ScheduleWindow = z.object({
  id: RowId,
  day_of_week: DayOfWeek,
  start_time: z.string(),
  end_time: z.string(),
});
export type ScheduleWindow = z.infer<typeof ScheduleWindow>;

export const ScheduleConfig = z.object({
  enabled: z.boolean(),
  skip_holidays: z.boolean(),
  disabled_by_dialer: z.boolean(),
  version: Count,
  updated_at: Timestamp,
});

export const ScheduleResponse = z.object({ config: ScheduleConfig, windows: z.array(ScheduleWindow) });
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;

export const ScheduleWindowInput = z
  .strictObject({ day_of_week: DayOfWeek, start_time: TimeOfDay, end_time: TimeOfDay })
  // Only compared when both are times: a malformed one is already reported on its own field.
  .refine((w) => !isTime(w.start_time) || !isTime(w.end_time) || normalizeTime(w.start_time) < normalizeTime(w.end_time), {
    message: 'must end after it starts',
    path: ['end_time'],
  });

function isTime(t: unknown): t is string {
  return TimeOfDay.safeParse(t).success;
}

export const UpdateScheduleRequest = z.strictObject({
  enabled: z.boolean().optional(),
  skip_holidays: z.boolean().optional(),
  windows: z.array(ScheduleWindowInput).max(100, 'at most 100 windows').optional(),
});
export type UpdateScheduleRequest = z.infer<typeof UpdateScheduleRequest>;

/** "9:00" style inputs are refused; "09:00" → "09:00:00" for comparisons. */
export function normalizeTime(t: string): string {
  return t.length === 5 ? `${t}:00` : t;
}

export const IsoDate = z.iso.date('a date such as 2026-03-21');

export const Holiday = z.object({ date: z.string(), name: z.string(), source: z.enum(['calendar', 'company']) });
export type Holiday = z.infer<typeof Holiday>;

/** `year` defaults to the company's current year; `company=<slug>` for a superuser. */
export const ListHolidaysQuery = CompanyScopeQuery.extend({
  year: z.coerce.number().int('a year such as 2026').min(2000, '2000 to 2100').max(2100, '2000 to 2100').optional(),
});
export type ListHolidaysQuery = z.infer<typeof ListHolidaysQuery>;
export const ListHolidaysResponse = z.object({ items: z.array(Holiday) });
export type ListHolidaysResponse = z.infer<typeof ListHolidaysResponse>;

export const CreateHolidayRequest = z.strictObject({ date: IsoDate, name: displayText(200, { min: 1 }) });
export type CreateHolidayRequest = z.infer<typeof CreateHolidayRequest>;
/** A holiday the company added (the same shape as a listed one). */
export const CreateHolidayResponse = Holiday.extend({});

export const HolidayParams = z.object({ date: IsoDate });

export const RefusalReason = z.enum(['disabled', 'insufficient_funds', 'holiday', 'no_window', 'outside_allowed_time_window']);
export type RefusalReason = z.infer<typeof RefusalReason>;
