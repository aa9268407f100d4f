import type { Holiday, ScheduleResponse } from '@dialdeck/contracts/schedule';
import type { CompanyRow } from '../../db/schema/database';
import { toZonedIso } from '../../lib/time';
import type { ScheduleState, StoredHoliday } from './schedule.repository';

/** 'HH:MM:SS' → 'HH:MM'; seconds stay only when a window was set with them. */
export function timeView(t: string): string {
  return t.endsWith(':00') && t.length === 8 ? t.slice(0, 5) : t;
}

export function scheduleView(s: ScheduleState, company: Pick<CompanyRow, 'timezone'>): ScheduleResponse {
  return {
    config: {
      enabled: s.config.enabled,
      skip_holidays: s.config.skip_holidays,
      disabled_by_dialer: s.config.disabled_by_dialer,
      version: s.config.version,
      updated_at: toZonedIso(s.config.updated_at, company.timezone),
    },
    windows: s.windows.map((w) => ({
      id: w.id,
      day_of_week: w.day_of_week,
      start_time: timeView(w.start_time),
      end_time: timeView(w.end_time),
    })),
  };
}

export function holidayView(h: StoredHoliday): Holiday {
  return { date: h.date, name: h.name, source: h.source };
}
