import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema/database';
import { isTokenLive } from './dialer-tokens.repository';

type Executor = Db | Transaction<Database>;

/**
 * Lookups report-result needs before it writes: numbers, agents, earlier reports. All on
 * the system path: the dialer's hot path, in the same context as the dispatch, with the
 * company the dialer token named in every statement.
 */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async existingNumberIds(ids: number[], db: Executor = this.db): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const r = await sql<{ id: number }>`SELECT id FROM numbers WHERE id = ANY(${ids}::int[])`.execute(db);
    return new Set(r.rows.map((x) => x.id));
  }

  /** Ids of these phones, adding the ones the pool does not have yet (a report may name a number never imported). */
  async findOrCreatePhones(phones: string[], db: Executor = this.db): Promise<Map<string, number>> {
    if (phones.length === 0) return new Map();
    const r = await sql<{ id: number; phone_number: string }>`
      WITH inp AS (SELECT DISTINCT p FROM unnest(${phones}::text[]) AS p),
      ins AS (INSERT INTO numbers (phone_number) SELECT p FROM inp ON CONFLICT (phone_number) DO NOTHING RETURNING id, phone_number)
      SELECT id, phone_number FROM ins
      UNION ALL
      SELECT n.id, n.phone_number FROM numbers n JOIN inp ON n.phone_number = inp.p`.execute(db);
    return new Map(r.rows.map((x) => [x.phone_number, x.id]));
  }

  /** The company's users named by id or phone, with whether they are active. */
  async agents(companyId: number, ids: number[], phones: string[]) {
    if (ids.length === 0 && phones.length === 0) return [];
    const r = await sql<{ id: number; phone_number: string | null; is_active: boolean }>`
      SELECT id, phone_number, is_active FROM users
      WHERE company_id = ${companyId} AND (id = ANY(${ids}::int[]) OR phone_number = ANY(${phones}::text[]))`.execute(this.db);
    return r.rows;
  }

  /** The results already recorded under these report ids (the answers a retry gets again). */
  async byReportIds(
    companyId: number,
    reportIds: string[],
    db: Executor = this.db,
  ): Promise<Map<string, { id: number; number_id: number; report_hash: string | null }>> {
    if (reportIds.length === 0) return new Map();
    const r = await sql<{ id: number; number_id: number; report_id: string; report_hash: string | null }>`
      SELECT id, number_id, report_id, report_hash FROM call_results WHERE company_id = ${companyId} AND report_id = ANY(${reportIds}::text[])`.execute(
      db,
    );
    return new Map(r.rows.map((x) => [x.report_id, { id: Number(x.id), number_id: x.number_id, report_hash: x.report_hash }]));
  }

  /** Whether this dialer token is still live and its company active. */
  tokenLive(companyId: number, tokenId: number): Promise<boolean> {
    return isTokenLive(this.db, companyId, tokenId);
  }
}
