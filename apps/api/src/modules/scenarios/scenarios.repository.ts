import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { ScenariosTable } from '../../db/schema/database';
import { tenantDb } from '../../db/tenant';
import { likeEscape } from '../../lib/text';

export interface ScenarioRow {
  id: number;
  company_id: number;
  name: string;
  display_name: string;
  is_active: boolean;
  config: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export type ScenarioValues = Partial<Pick<ScenariosTable, 'name' | 'display_name'> & { is_active: boolean; config: object }>;

export interface ScenarioFilter {
  is_active?: boolean;
  search?: string;
}

/** Scenarios of a company. Tenant path, the company first. */
export class ScenariosRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  private where(companyId: number, f: ScenarioFilter) {
    const parts = [sql`s.company_id = ${companyId}`];
    if (f.is_active !== undefined) parts.push(sql`s.is_active = ${f.is_active}`);
    if (f.search) {
      const p = `%${likeEscape(f.search)}%`;
      parts.push(sql`(s.display_name ILIKE ${p} OR s.name ILIKE ${p})`);
    }
    return sql.join(parts, sql` AND `);
  }

  async list(companyId: number, f: ScenarioFilter, skip: number, limit: number): Promise<{ rows: ScenarioRow[]; total: number }> {
    const db = this.tenant(companyId);
    const [rows, total] = await Promise.all([
      sql<ScenarioRow>`SELECT s.* FROM scenarios s WHERE ${this.where(companyId, f)} ORDER BY s.id OFFSET ${skip} LIMIT ${limit}`.execute(
        db,
      ),
      sql<{ n: number }>`SELECT count(*)::int AS n FROM scenarios s WHERE ${this.where(companyId, f)}`.execute(db),
    ]);
    return { rows: rows.rows, total: Number(total.rows[0]!.n) };
  }

  async get(companyId: number, id: number): Promise<ScenarioRow | undefined> {
    return this.tenant(companyId)
      .selectFrom('scenarios')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst() as Promise<ScenarioRow | undefined>;
  }

  async insert(companyId: number, v: ScenarioValues & Pick<ScenariosTable, 'name' | 'display_name'>): Promise<number> {
    const { config, ...rest } = v;
    const r = await this.tenant(companyId)
      .insertInto('scenarios')
      .values({ ...rest, config: JSON.stringify(config ?? {}), company_id: companyId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** false: no such scenario of the company. */
  async update(companyId: number, id: number, v: ScenarioValues): Promise<boolean> {
    const { config, ...rest } = v;
    const r = await this.tenant(companyId)
      .updateTable('scenarios')
      .set({ ...rest, ...(config !== undefined ? { config: JSON.stringify(config) } : {}), updated_at: new Date() })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** false: no such scenario. A scenario that calls still name fails on call_results_scenario_fk (migration 0025). */
  async delete(companyId: number, id: number): Promise<boolean> {
    const r = await this.tenant(companyId)
      .deleteFrom('scenarios')
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * Which of these ids are scenarios of the company (report-result's check). On the system
   * path with the company in the filter, like LinesRepository.existing: one indexed read on
   * the report path, without a tenant session's setup.
   */
  async existing(companyId: number, ids: number[]): Promise<Set<number>> {
    const r = await sql<{ id: number }>`
      SELECT id FROM scenarios WHERE company_id = ${companyId} AND id = ANY(${ids}::int[])`.execute(this.db);
    return new Set(r.rows.map((x) => x.id));
  }
}
