import { PREPARED } from '../../db/client';
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';
import type { HolidaySource } from '../../db/schema/schedule';

/** The pool or a caller's transaction (Kysely's Transaction is a Kysely), e.g. the dialer's report. */
export type Executor = Db;

export interface ScheduleConfigState {
  enabled: boolean;
  skip_holidays: boolean;
  disabled_by_dialer: boolean;
  version: number;
  /** The last change; a company that never changed its schedule shows its creation time. */
  updated_at: Date;
}

export interface StoredWindow {
  id: number;
  day_of_week: number;
  /** 'HH:MM:SS' ('24:00:00' for a window closing at midnight). */
  start_time: string;
  end_time: string;
}

export interface NewWindow {
  day_of_week: number;
  start_time: string;
  end_time: string;
}

export interface ScheduleState {
  config: ScheduleConfigState;
  windows: StoredWindow[];
}

export interface StoredHoliday {
  date: string;
  name: string;
  source: HolidaySource;
}

export interface EvaluationState {
  config: ScheduleConfigState;
  windows: Array<Omit<StoredWindow, 'id'>>;
  /** Whether the asked local date is in company_holidays. */
  isHoliday: boolean;
  /** Whether that date's year has had its calendar holidays seeded. */
  yearSeeded: boolean;
}

export interface ConfigPatch {
  enabled?: boolean;
  skip_holidays?: boolean;
}

// The config with its defaults when the company has no row yet (PRODUCT.md "Schedule").
const CONFIG_COLUMNS = sql`
  coalesce(s.enabled, true)             AS enabled,
  coalesce(s.skip_holidays, true)       AS skip_holidays,
  coalesce(s.disabled_by_dialer, false) AS disabled_by_dialer,
  coalesce(s.version, 1)                AS version,
  coalesce(s.updated_at, c.created_at)  AS updated_at`;

type ConfigRow = ScheduleConfigState;

function config(r: ConfigRow): ScheduleConfigState {
  return {
    enabled: r.enabled,
    skip_holidays: r.skip_holidays,
    disabled_by_dialer: r.disabled_by_dialer,
    version: Number(r.version),
    updated_at: new Date(r.updated_at),
  };
}

/**
 * A company's schedule on the tenant path (row-level security) unless the caller passes
 * its executor. The dialer's schedule gate (loadForEvaluation, isHoliday) and its
 * call_allowed switch (inside the report's transaction) are dispatch internals: system path.
 */
export class ScheduleRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  /** Config (defaults when no row) and windows ordered by day and start; undefined when the company does not exist. */
  async get(companyId: number, ex: Executor = this.tenant(companyId)): Promise<ScheduleState | undefined> {
    const r = await sql<ConfigRow>`
      SELECT ${CONFIG_COLUMNS}
      FROM companies c LEFT JOIN schedule_configs s ON s.company_id = c.id
      WHERE c.id = ${companyId}`.execute(ex);
    const row = r.rows[0];
    if (!row) return undefined;
    return { config: config(row), windows: await this.windows(companyId, ex) };
  }

  private windows(companyId: number, ex: Executor): Promise<StoredWindow[]> {
    return ex
      .selectFrom('schedule_windows')
      .select(['id', 'day_of_week', sql<string>`start_time::text`.as('start_time'), sql<string>`end_time::text`.as('end_time')])
      .where('company_id', '=', companyId)
      .orderBy('day_of_week')
      .orderBy('start_time')
      .orderBy('id')
      .execute();
  }

  /**
   * The dialer's hot path in one round trip: config (defaults when no row), the
   * week's windows, whether `localDate` is a holiday and whether its year was seeded.
   * System path by default: the schedule gate of the dispatch.
   */
  async loadForEvaluation(companyId: number, localDate: string, ex: Executor = this.db): Promise<EvaluationState | undefined> {
    const year = Number(localDate.slice(0, 4));
    const r = await sql<ConfigRow & { windows: EvaluationState['windows']; is_holiday: boolean; year_seeded: boolean }>`${sql.raw(PREPARED)}
      SELECT ${CONFIG_COLUMNS},
        coalesce((
          SELECT json_agg(json_build_object('day_of_week', w.day_of_week, 'start_time', w.start_time::text, 'end_time', w.end_time::text)
                          ORDER BY w.day_of_week, w.start_time)
          FROM schedule_windows w WHERE w.company_id = c.id
        ), '[]'::json) AS windows,
        EXISTS (SELECT 1 FROM company_holidays h WHERE h.company_id = c.id AND h.date = ${localDate}::date) AS is_holiday,
        EXISTS (SELECT 1 FROM company_holiday_years y WHERE y.company_id = c.id AND y.year = ${year}) AS year_seeded
      FROM companies c LEFT JOIN schedule_configs s ON s.company_id = c.id
      WHERE c.id = ${companyId}`.execute(ex);
    const row = r.rows[0];
    if (!row) return undefined;
    return { config: config(row), windows: row.windows, isHoliday: row.is_holiday, yearSeeded: row.year_seeded };
  }

  /**
   * One admin change in one transaction: flags patched, windows replaced when given,
   * version + 1 (the first change inserts the row at version 2, since no row = 1).
   */
  update(companyId: number, patch: ConfigPatch & { windows?: NewWindow[] }): Promise<ScheduleState> {
    return this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        // The upsert locks the config row, so concurrent changes of one company serialise here.
        await this.bumpConfig(companyId, patch, tx);
        if (patch.windows) {
          await tx.deleteFrom('schedule_windows').where('company_id', '=', companyId).execute();
          if (patch.windows.length > 0) {
            await tx
              .insertInto('schedule_windows')
              .values(
                patch.windows.map((w) => ({
                  company_id: companyId,
                  day_of_week: w.day_of_week,
                  start_time: w.start_time,
                  end_time: w.end_time,
                })),
              )
              .execute();
          }
        }
        const state = await this.get(companyId, tx);
        if (!state) throw new Error(`company ${companyId} vanished during a schedule update`);
        return state;
      });
  }

  /** Patches the flags and bumps the version; answers the new version. */
  async bumpConfig(companyId: number, patch: ConfigPatch, ex: Executor = this.tenant(companyId)): Promise<number> {
    const enabled = patch.enabled ?? null;
    const skip = patch.skip_holidays ?? null;
    const r = await sql<{ version: number }>`
      INSERT INTO schedule_configs AS s (company_id, enabled, skip_holidays, version, updated_at)
      VALUES (${companyId}, coalesce(${enabled}::boolean, true), coalesce(${skip}::boolean, true), 2, now())
      ON CONFLICT (company_id) DO UPDATE SET
        enabled       = coalesce(${enabled}::boolean, s.enabled),
        skip_holidays = coalesce(${skip}::boolean, s.skip_holidays),
        version       = s.version + 1,
        updated_at    = now()
      RETURNING version`.execute(ex);
    return Number(r.rows[0]!.version);
  }

  /**
   * Sets disabled_by_dialer; bumps the version only when the value changes. Answers
   * the version after the call. Runs on `ex` so a dialer report can make it part of
   * its own transaction.
   */
  async setDisabledByDialer(companyId: number, disabled: boolean, ex: Executor = this.tenant(companyId)): Promise<number> {
    // No row + "enabled" is no change: the inserted row keeps version 1 and the
    // company's creation time, exactly what the defaults showed.
    const r = await sql<{ version: number }>`
      INSERT INTO schedule_configs AS s (company_id, disabled_by_dialer, version, updated_at)
      SELECT c.id, ${disabled}::boolean,
             CASE WHEN ${disabled}::boolean THEN 2 ELSE 1 END,
             CASE WHEN ${disabled}::boolean THEN now() ELSE c.created_at END
      FROM companies c WHERE c.id = ${companyId}
      ON CONFLICT (company_id) DO UPDATE SET
        disabled_by_dialer = EXCLUDED.disabled_by_dialer,
        version            = s.version + 1,
        updated_at         = now()
      WHERE s.disabled_by_dialer IS DISTINCT FROM EXCLUDED.disabled_by_dialer
      RETURNING version`.execute(ex);
    if (r.rows[0]) return Number(r.rows[0].version);
    // Unchanged: ON CONFLICT has locked the row, so this read is the value we kept.
    const cur = await ex.selectFrom('schedule_configs').select('version').where('company_id', '=', companyId).executeTakeFirst();
    if (!cur) throw new Error(`company ${companyId} does not exist`);
    return Number(cur.version);
  }

  /** Holidays of the company between two dates (inclusive), by date. */
  listHolidays(companyId: number, fromDate: string, toDate: string, ex: Executor = this.tenant(companyId)): Promise<StoredHoliday[]> {
    return ex
      .selectFrom('company_holidays')
      .select([sql<string>`date::text`.as('date'), 'name', 'source'])
      .where('company_id', '=', companyId)
      .where('date', '>=', sql<Date>`${fromDate}::date`)
      .where('date', '<=', sql<Date>`${toDate}::date`)
      .orderBy('date')
      .execute();
  }

  /** Rewrites holiday names (their spelling only: the dispatch reads dates, so the version stays). */
  async renameHolidays(companyId: number, holidays: { date: string; name: string }[]): Promise<void> {
    await this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        for (const h of holidays) {
          await tx
            .updateTable('company_holidays')
            .set({ name: h.name })
            .where('company_id', '=', companyId)
            .where('date', '=', sql<Date>`${h.date}::date`)
            .execute();
        }
      });
  }

  /** System path by default: the schedule gate of the dispatch. */
  async isHoliday(companyId: number, date: string, ex: Executor = this.db): Promise<boolean> {
    const r = await ex
      .selectFrom('company_holidays')
      .select(sql<number>`1`.as('one'))
      .where('company_id', '=', companyId)
      .where('date', '=', sql<Date>`${date}::date`)
      .executeTakeFirst();
    return r !== undefined;
  }

  /**
   * Adds a holiday and bumps the schedule version in one transaction; undefined when
   * the company already has that date (nothing changes then).
   */
  addHoliday(companyId: number, h: { date: string; name: string }): Promise<StoredHoliday | undefined> {
    return this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        const row = await tx
          .insertInto('company_holidays')
          .values({ company_id: companyId, date: h.date, name: h.name, source: 'company' })
          .onConflict((oc) => oc.columns(['company_id', 'date']).doNothing())
          .returning([sql<string>`date::text`.as('date'), 'name', 'source'])
          .executeTakeFirst();
        if (row) await this.bumpConfig(companyId, {}, tx);
        return row;
      });
  }

  /** Deletes a holiday (calendar or company) and bumps the version; false when there was none. */
  deleteHoliday(companyId: number, date: string): Promise<boolean> {
    return this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        const r = await tx
          .deleteFrom('company_holidays')
          .where('company_id', '=', companyId)
          .where('date', '=', sql<Date>`${date}::date`)
          .executeTakeFirst();
        const deleted = Number(r.numDeletedRows) > 0;
        if (deleted) await this.bumpConfig(companyId, {}, tx);
        return deleted;
      });
  }

  /** Which of these years have had their calendar holidays seeded for the company. */
  async seededYears(companyId: number, years: number[], ex: Executor = this.tenant(companyId)): Promise<Set<number>> {
    if (years.length === 0) return new Set();
    const rows = await ex
      .selectFrom('company_holiday_years')
      .select('year')
      .where('company_id', '=', companyId)
      .where('year', 'in', years)
      .execute();
    return new Set(rows.map((r) => r.year));
  }

  /**
   * Copies a year's calendar holidays in, once per (company, year). Whoever inserts the
   * year row seeds; a concurrent caller waits on that row and then finds it taken.
   * Dates the company already has (its own) are kept as they are.
   */
  seedYear(companyId: number, year: number, holidays: Array<{ date: string; name: string }>): Promise<boolean> {
    return this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        const claimed = await tx
          .insertInto('company_holiday_years')
          .values({ company_id: companyId, year })
          .onConflict((oc) => oc.columns(['company_id', 'year']).doNothing())
          .returning('year')
          .executeTakeFirst();
        if (!claimed) return false;
        if (holidays.length > 0) {
          await tx
            .insertInto('company_holidays')
            .values(holidays.map((h) => ({ company_id: companyId, date: h.date, name: h.name, source: 'calendar' as const })))
            .onConflict((oc) => oc.columns(['company_id', 'date']).doNothing())
            .execute();
        }
        return true;
      });
  }
}
