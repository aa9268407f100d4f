import type { CreateHolidayRequest, RefusalReason, UpdateScheduleRequest } from '@dialdeck/contracts/schedule';
import { normalizeTime } from '@dialdeck/contracts/schedule';
import type { Locale } from '@dialdeck/contracts/common';
import type { CompanyRow } from '../../db/schema/database';
import { AppError, notFound } from '../../lib/errors';
import type { Clock } from '../../lib/time';
import { calendarHolidays } from './holiday-calendars';
import { normalizeHolidayName } from './holiday-name';
import { evaluateSchedule, isoDate, localClock, nextAllowedAt, NEXT_ALLOWED_HORIZON_DAYS, secondsOfDay } from './schedule-rules';
import type { EvaluationState, Executor, ScheduleRepository, ScheduleState, StoredHoliday } from './schedule.repository';

/** What the schedule needs to know of a company: its id, wall clock and holiday calendar. */
export type ScheduleCompany = Pick<CompanyRow, 'id' | 'timezone' | 'locale'> & Partial<Pick<CompanyRow, 'calendar'>>;

/**
 * Whose official holidays a company is seeded with: a company that keeps the Hebrew
 * calendar gets the Israeli set whatever its language; otherwise its locale decides.
 */
export function holidaySet(company: Pick<ScheduleCompany, 'locale' | 'calendar'>): Locale {
  return company.calendar === 'hebrew' ? 'he' : company.locale;
}

export interface ScheduleVerdict {
  allowed: boolean;
  reason?: Exclude<RefusalReason, 'insufficient_funds'>;
  retryAfterSeconds?: number;
  /** The schedule version this verdict was computed from (next-batch's schedule_version). */
  version: number;
  /** Computed from the state this process remembered, not from a query just made. */
  fromMemory?: boolean;
  /** What the verdict was computed from besides the version, for the caller to confirm. */
  confirm?: { localDate: string; holiday: boolean };
}

export class ScheduleService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly clock: Clock,
  ) {}

  async get(company: ScheduleCompany): Promise<ScheduleState> {
    const state = await this.repo.get(company.id);
    if (!state) throw notFound('Company not found.');
    return state;
  }

  /** Patches the flags and, when given, replaces every window; the version goes up by one. */
  async update(company: ScheduleCompany, input: UpdateScheduleRequest): Promise<ScheduleState> {
    const windows = input.windows?.map((w, i) => {
      const start = normalizeTime(w.start_time);
      const end = normalizeTime(w.end_time);
      // The request schema refuses these already; services are also called from elsewhere.
      if (secondsOfDay(start) >= secondsOfDay(end)) {
        throw new AppError('VALIDATION_FAILED', `windows.${i}.end_time: must end after it starts`, {
          fields: { [`windows.${i}.end_time`]: 'must end after it starts' },
        });
      }
      return { day_of_week: w.day_of_week, start_time: start, end_time: end };
    });
    return this.repo.update(company.id, {
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.skip_holidays !== undefined ? { skip_holidays: input.skip_holidays } : {}),
      ...(windows ? { windows } : {}),
    });
  }

  /** The company's holidays of a Gregorian year (default: its current local year), seeding the calendar first. */
  async listHolidays(company: ScheduleCompany, year?: number): Promise<StoredHoliday[]> {
    const y = year ?? localClock(this.clock.now(), company.timezone).year;
    await this.ensureSeeded(company, [y]);
    const stored = await this.repo.listHolidays(company.id, isoDate(y, 1, 1), isoDate(y, 12, 31));
    // Names stored before they were normalized on write (seeded by an earlier version)
    // are repaired the first time they are read: normalizeHolidayName stays the one rule,
    // with no copy of it in SQL. The update is idempotent, so concurrent readers are safe.
    const repaired = stored.map((h) => ({ ...h, name: normalizeHolidayName(h.name) }));
    const stale = repaired.filter((h, i) => h.name !== stored[i]!.name);
    if (stale.length > 0) await this.repo.renameHolidays(company.id, stale);
    return repaired;
  }

  /** Adds a company holiday; 409 naming `date` when the date is already a holiday. */
  async addHoliday(company: ScheduleCompany, input: CreateHolidayRequest): Promise<StoredHoliday> {
    // Seed that year first, so a calendar date shows up as taken now rather than being
    // silently kept as the company's own when the year is seeded later.
    await this.ensureSeeded(company, [Number(input.date.slice(0, 4))]);
    const added = await this.repo.addHoliday(company.id, { date: input.date, name: normalizeHolidayName(input.name) });
    if (!added) {
      throw new AppError('CONFLICT', `${input.date} is already a holiday.`, { fields: { date: 'already a holiday' } });
    }
    return added;
  }

  /** Removes a holiday, calendar or company; a removed calendar date stays removed. 404 when none. */
  async deleteHoliday(company: ScheduleCompany, date: string): Promise<void> {
    await this.ensureSeeded(company, [Number(date.slice(0, 4))]);
    if (!(await this.repo.deleteHoliday(company.id, date))) {
      throw new AppError('NOT_FOUND', `${date} is not a holiday.`, { fields: { date: 'not a holiday' } });
    }
  }

  /**
   * May the company's dialer call now? One query on the hot path; the first evaluation
   * in a new year also seeds that year's calendar holidays. It runs on its own
   * connection, never inside a caller's transaction: seeding opens a transaction of
   * its own, which on PGlite's single connection would wait forever.
   *
   * With `cached`, the schedule this process last loaded for the company's current
   * local date is used without a query, and `fromMemory` says so. What it was computed
   * from is in `confirm`: the version and today's holiday flag, which the caller must
   * check in its own statement (another process may have changed the schedule since).
   */
  async verdict(company: ScheduleCompany, now: Date = this.clock.now(), opts: { cached?: boolean } = {}): Promise<ScheduleVerdict> {
    const local = localClock(now, company.timezone);
    const key = `${company.timezone}|${local.date}`;
    const remembered = opts.cached ? this.remembered.get(company.id) : undefined;
    let state = remembered?.key === key ? remembered.state : undefined;
    const fromMemory = state !== undefined;
    if (!state) {
      const loaded = await this.repo.loadForEvaluation(company.id, local.date);
      if (!loaded) throw notFound('Company not found.');
      state = loaded;
      if (state.config.skip_holidays && !state.yearSeeded) {
        await this.ensureSeeded(company, [local.year]);
        state = { ...state, yearSeeded: true, isHoliday: await this.repo.isHoliday(company.id, local.date) };
      }
      this.remembered.set(company.id, { key, state });
    }
    const v = evaluateSchedule(
      { config: state.config, windows: state.windows, holidays: new Set(state.isHoliday ? [local.date] : []), timeZone: company.timezone },
      now,
    );
    const common = { version: state.config.version, fromMemory, confirm: { localDate: local.date, holiday: state.isHoliday } };
    return v.allowed
      ? { allowed: true, ...common }
      : { allowed: false, reason: v.reason, retryAfterSeconds: v.retryAfterSeconds, ...common };
  }

  /** Per company: the schedule last loaded for evaluation, and for which timezone and local date. */
  private readonly remembered = new Map<number, { key: string; state: EvaluationState }>();

  /** The first instant ≥ now when calling is allowed within the next 14 days; null when none (diagnostics). */
  async nextAllowedAt(company: ScheduleCompany, now: Date = this.clock.now()): Promise<Date | null> {
    const state = await this.get(company);
    const from = localClock(now, company.timezone);
    const last = new Date(Date.UTC(from.year, from.month - 1, from.day + NEXT_ALLOWED_HORIZON_DAYS));
    const lastDate = isoDate(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate());
    let holidays = new Set<string>();
    if (state.config.skip_holidays) {
      await this.ensureSeeded(company, [...new Set([from.year, last.getUTCFullYear()])]);
      holidays = new Set((await this.repo.listHolidays(company.id, from.date, lastDate)).map((h) => h.date));
    }
    return nextAllowedAt({ config: state.config, windows: state.windows, holidays, timeZone: company.timezone }, now);
  }

  /**
   * The dialer's `call_allowed` switch: sets disabled_by_dialer, bumping the version
   * only when it changes; answers the version. Pass the caller's transaction to make
   * it part of a report.
   */
  setDisabledByDialer(companyId: number, disabled: boolean, executor?: Executor): Promise<number> {
    return this.repo.setDisabledByDialer(companyId, disabled, executor);
  }

  /** Seeds the calendar holidays of each year the company has not had seeded yet. */
  private async ensureSeeded(company: ScheduleCompany, years: number[]): Promise<void> {
    const done = await this.repo.seededYears(company.id, years);
    for (const year of years) {
      if (!done.has(year))
        await this.repo.seedYear(
          company.id,
          year,
          calendarHolidays(holidaySet(company), year).map((h) => ({ ...h, name: normalizeHolidayName(h.name) })),
        );
    }
  }
}
