import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import type { CompanyRow, Database } from '../../db/schema/database';
import { tenantDb } from '../../db/tenant';
import type { OutboundLinesTable } from '../../db/schema/database';
import type { Role } from '@dialdeck/contracts/common';
import { likeEscape } from '../../lib/text';

/** The rest job works in its own transaction (holding its lock), on the system path. */
type Executor = Db | Transaction<Database>;

/** A line with the names of its owner and agent. */
export interface LineRow {
  id: number;
  company_id: number;
  phone_number: string;
  display_name: string;
  is_active: boolean;
  owner_user_id: number | null;
  assigned_agent_id: number | null;
  resting_until: Date | null;
  rest_reason: string | null;
  health_since: Date | null;
  created_at: Date;
  updated_at: Date;
  owner_name: string | null;
  agent_name: string | null;
}

export type LineValues = Partial<
  Pick<OutboundLinesTable, 'phone_number' | 'display_name' | 'owner_user_id' | 'assigned_agent_id'> & { is_active: boolean }
>;

export interface LineFilter {
  is_active?: boolean;
  search?: string;
  /** Only the lines this user owns or is assigned (`/api/lines/mine`). */
  userId?: number;
}

/** The line a dispatch may hand out: eligible (line-rules.ts isEligible), ordered by id. */
export interface RotationLine {
  id: number;
  phone_number: string;
  assigned_agent_id: number | null;
}

const fullName = (alias: string) =>
  sql.raw(`coalesce(nullif(trim(concat_ws(' ', ${alias}.first_name, ${alias}.last_name)), ''), ${alias}.username)`);

/** Outbound lines. Tenant path, the company first; the dispatch's rotation runs on the system path. */
export class LinesRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  private where(companyId: number, f: LineFilter) {
    const parts = [sql`l.company_id = ${companyId}`];
    if (f.is_active !== undefined) parts.push(sql`l.is_active = ${f.is_active}`);
    if (f.search) {
      const p = `%${likeEscape(f.search)}%`;
      parts.push(sql`(l.display_name ILIKE ${p} OR l.phone_number LIKE ${p})`);
    }
    if (f.userId !== undefined) parts.push(sql`(l.owner_user_id = ${f.userId} OR l.assigned_agent_id = ${f.userId})`);
    return sql.join(parts, sql` AND `);
  }

  async list(companyId: number, f: LineFilter, skip: number, limit: number): Promise<{ rows: LineRow[]; total: number }> {
    const db = this.tenant(companyId);
    const [rows, total] = await Promise.all([
      sql<LineRow>`
        SELECT l.*, ${fullName('o')} AS owner_name, ${fullName('a')} AS agent_name
        FROM outbound_lines l
        LEFT JOIN users o ON o.id = l.owner_user_id
        LEFT JOIN users a ON a.id = l.assigned_agent_id
        WHERE ${this.where(companyId, f)}
        ORDER BY l.id OFFSET ${skip} LIMIT ${limit}`.execute(db),
      sql<{ n: number }>`SELECT count(*)::int AS n FROM outbound_lines l WHERE ${this.where(companyId, f)}`.execute(db),
    ]);
    return { rows: rows.rows, total: Number(total.rows[0]!.n) };
  }

  async get(companyId: number, id: number): Promise<LineRow | undefined> {
    const r = await sql<LineRow>`
      SELECT l.*, ${fullName('o')} AS owner_name, ${fullName('a')} AS agent_name
      FROM outbound_lines l
      LEFT JOIN users o ON o.id = l.owner_user_id
      LEFT JOIN users a ON a.id = l.assigned_agent_id
      WHERE l.company_id = ${companyId} AND l.id = ${id}`.execute(this.tenant(companyId));
    return r.rows[0];
  }

  async insert(companyId: number, v: LineValues & Pick<OutboundLinesTable, 'phone_number' | 'display_name'>): Promise<number> {
    const r = await this.tenant(companyId)
      .insertInto('outbound_lines')
      .values({ ...v, company_id: companyId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** false: no such line of the company. */
  async update(companyId: number, id: number, v: LineValues): Promise<boolean> {
    const r = await this.tenant(companyId)
      .updateTable('outbound_lines')
      .set({ ...v, updated_at: new Date() })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The calls that used the line keep it as null (the foreign key of migration 0022). */
  async delete(companyId: number, id: number): Promise<boolean> {
    const r = await this.tenant(companyId)
      .deleteFrom('outbound_lines')
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Which of these ids are the company's lines. System path: report-result's hot path. */
  async existing(companyId: number, ids: number[]): Promise<Set<number>> {
    const r = await sql<{ id: number }>`
      SELECT id FROM outbound_lines WHERE company_id = ${companyId} AND id = ANY(${ids}::int[])`.execute(this.db);
    return new Set(r.rows.map((x) => x.id));
  }

  /** A user of the company (another company's is not seen), for the ownership rules. */
  async user(companyId: number, userId: number): Promise<{ id: number; role: Role; is_active: boolean } | undefined> {
    return this.tenant(companyId)
      .selectFrom('users')
      .select(['id', 'role', 'is_active'])
      .where('company_id', '=', companyId)
      .where('id', '=', userId)
      .executeTakeFirst();
  }

  /** The company's active agents without a line, for the assign dialog. */
  async freeAgents(companyId: number): Promise<Array<{ id: number; full_name: string }>> {
    const r = await sql<{ id: number; full_name: string }>`
      SELECT u.id, ${fullName('u')} AS full_name FROM users u
      WHERE u.company_id = ${companyId} AND u.role = 'AGENT' AND u.is_active
        AND NOT EXISTS (SELECT 1 FROM outbound_lines l WHERE l.assigned_agent_id = u.id)
      ORDER BY 2, u.id LIMIT 1000`.execute(this.tenant(companyId));
    return r.rows;
  }

  /**
   * Each line's last `window` calls (attempts, since its `since` when given): how many,
   * and how many connected (dialdeck_is_connected, as every statistic). Through the index
   * call_results_line_recent, `window` rows per line.
   */
  async recent(
    companyId: number,
    lines: Array<{ id: number; since: Date | null }>,
    window: number,
    db: Executor = this.tenant(companyId),
  ): Promise<Map<number, { calls: number; connected: number }>> {
    const out = new Map<number, { calls: number; connected: number }>();
    if (lines.length === 0) return out;
    const r = await sql<{ id: number; calls: number; connected: number }>`
      SELECT l.id, x.calls, x.connected
      FROM unnest(${lines.map((l) => l.id)}::int[], ${lines.map((l) => l.since)}::timestamptz[]) AS l (id, since)
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS calls, count(*) FILTER (WHERE dialdeck_is_connected(t.status))::int AS connected
        FROM (
          SELECT cr.status FROM call_results cr
          WHERE cr.outbound_line_id = l.id AND cr.company_id = ${companyId} AND dialdeck_is_attempt(cr.source)
            AND (l.since IS NULL OR cr.attempted_at > l.since)
          ORDER BY cr.attempted_at DESC LIMIT ${window}
        ) t
      ) x`.execute(db);
    for (const x of r.rows) out.set(x.id, { calls: Number(x.calls), connected: Number(x.connected) });
    return out;
  }

  /** Active lines not resting now, for the rest check. */
  async restable(
    companyId: number,
    now: Date,
    db: Executor = this.tenant(companyId),
  ): Promise<Array<{ id: number; health_since: Date | null }>> {
    return db
      .selectFrom('outbound_lines')
      .select(['id', 'health_since'])
      .where('company_id', '=', companyId)
      .where('is_active', '=', true)
      .where((eb) => eb.or([eb('resting_until', 'is', null), eb('resting_until', '<=', now)]))
      .execute();
  }

  /** Rests a line until `until`; calls before then no longer count toward the next rest. */
  async rest(companyId: number, id: number, until: Date, reason: string, db: Executor = this.tenant(companyId)): Promise<void> {
    await db
      .updateTable('outbound_lines')
      .set({ resting_until: until, rest_reason: reason, health_since: until, updated_at: new Date() })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .execute();
  }

  /** Ends a rest now (an admin's decision); the window starts afresh. */
  async wake(companyId: number, id: number, now: Date): Promise<boolean> {
    const r = await this.tenant(companyId)
      .updateTable('outbound_lines')
      .set({ resting_until: null, rest_reason: null, health_since: now, updated_at: now })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Companies that turned resting on (the rest job's list). System path: it spans companies. */
  async companiesResting(db: Executor = this.db): Promise<CompanyRow[]> {
    return db
      .selectFrom('companies')
      .selectAll()
      .where('is_active', '=', true)
      .where(sql<boolean>`jsonb_typeof(settings -> 'line_rest_below_connect_rate') = 'number'`)
      .orderBy('id')
      .execute();
  }

  /**
   * One process at a time: `fn` runs inside a transaction holding the advisory lock
   * `key`, or not at all (another process holds it: false).
   */
  async exclusively(key: string, fn: (tx: Transaction<Database>) => Promise<void>): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS ok`.execute(tx);
      if (!r.rows[0]!.ok) return false;
      await fn(tx);
      return true;
    });
  }

  /**
   * The dispatch's caller IDs, one statement on the system path (the dialer's hot path):
   * the company's eligible lines — active and not resting, line-rules.ts isEligible,
   * repeated here — ordered by id, and `draws` consecutive draws of the company's
   * rotation counter (`start` is the first; null when there are no eligible lines, and
   * then the counter is not touched).
   */
  async rotation(companyId: number, draws: number, now: Date): Promise<{ start: number | null; lines: RotationLine[] }> {
    const r = await sql<{ start: string | null; lines: RotationLine[] | null }>`
      WITH eligible AS (
        SELECT id, phone_number, assigned_agent_id FROM outbound_lines
        WHERE company_id = ${companyId} AND is_active AND (resting_until IS NULL OR resting_until <= ${now})
      ),
      draw AS (
        INSERT INTO outbound_line_rotation (company_id, draws)
        SELECT ${companyId}, ${draws}::bigint WHERE ${draws}::int > 0 AND EXISTS (SELECT 1 FROM eligible)
        ON CONFLICT (company_id) DO UPDATE SET draws = outbound_line_rotation.draws + EXCLUDED.draws
        RETURNING draws - ${draws}::bigint AS start
      )
      SELECT (SELECT start FROM draw) AS start,
             (SELECT json_agg(json_build_object('id', id, 'phone_number', phone_number, 'assigned_agent_id', assigned_agent_id) ORDER BY id)
              FROM eligible) AS lines`.execute(this.db);
    const row = r.rows[0]!;
    return { start: row.start === null ? null : Number(row.start), lines: row.lines ?? [] };
  }
}
