import type { ColumnType, Generated } from 'kysely';

export type HolidaySource = 'calendar' | 'company';

export interface ScheduleConfigsTable {
  company_id: number;
  enabled: Generated<boolean>;
  skip_holidays: Generated<boolean>;
  disabled_by_dialer: Generated<boolean>;
  version: Generated<number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScheduleWindowsTable {
  id: Generated<number>;
  company_id: number;
  day_of_week: number;
  /** `time` comes back as 'HH:MM:SS' text on both engines ('24:00:00' included). */
  start_time: string;
  end_time: string;
}

export interface CompanyHolidaysTable {
  company_id: number;
  /**
   * A bare `date` is parsed into a Date in UTC by PGlite but in local time by node-postgres;
   * the schedule repository therefore always selects `date::text` ('YYYY-MM-DD').
   */
  date: ColumnType<Date, string, string>;
  name: string;
  source: HolidaySource;
}

export interface CompanyHolidayYearsTable {
  company_id: number;
  year: number;
  seeded_at: ColumnType<Date, Date | string | undefined, never>;
}

// Tables of the schedule module (migration 0003_schedule.sql).
export interface ScheduleTables {
  schedule_configs: ScheduleConfigsTable;
  schedule_windows: ScheduleWindowsTable;
  company_holidays: CompanyHolidaysTable;
  company_holiday_years: CompanyHolidayYearsTable;
}
