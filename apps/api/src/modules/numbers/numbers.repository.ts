import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';
import { likeEscape } from '../../lib/text';
import type { Database } from '../../db/schema/database';

/**
 * What a numbers read or bulk action selects, already resolved by the service:
 * dates are instants, the search is digits, an agent's own restriction is agentId.
 */
export interface NumberQuery {
  status?: CallStatus;
  /** Digits (and maybe a leading +): a prefix when it starts with 0 or +, else a substring. */
  search?: string;
  since?: Date;
  until?: Date;
  /** The company's status of the number was set at or after this instant (the dashboard's drill-down). */
  changedSince?: Date;
  agentId?: number;
  campaignId?: number;
  ids?: number[];
  excludedIds?: number[];
}

export type SortBy = 'id' | 'last_attempt_at' | 'status';
export type SortOrder = 'asc' | 'desc';

export interface NumberRowView {
  id: number;
  phone_number: string;
  global_status: 'ACTIVE' | 'POWER_OFF' | 'COMPLAINED';
  last_called_at: Date | null;
  status: CallStatus;
  total_attempts: number;
  last_attempt_at: Date | null;
  status_changed_at: Date | null;
  last_user_message: string | null;
  agent_id: number | null;
  agent_first_name: string | null;
  agent_last_name: string | null;
  agent_username: string | null;
  agent_phone: string | null;
}

type Executor = Db | Transaction<Database>;

const dirSql = (d: SortOrder) => (d === 'asc' ? sql`ASC` : sql`DESC`);
const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);

/** Columns of a list row, from numbers `n`, number_states `s` (maybe absent) and users `u`. */
const ROW_COLUMNS = sql`
  n.id, n.phone_number, n.global_status, n.last_called_at,
  coalesce(s.status, 'IN_QUEUE') AS status,
  coalesce(s.total_attempts, 0) AS total_attempts,
  s.last_attempt_at, s.status_changed_at, s.last_user_message, s.agent_id,
  u.first_name AS agent_first_name, u.last_name AS agent_last_name,
  u.username AS agent_username, u.phone_number AS agent_phone`;

/**
 * Whether a company other than `companyId` still holds the number `n.id` (`n` is the
 * numbers row): it added the number, has called it (a state row exists exactly when the
 * company has results for the number), has it in one of its campaigns, or its dialer batch
 * holds the number's lock. A company's delete removes a number from the shared pool only
 * when this is false; this is the one place that rule lives. Contacts (a later capability)
 * are one more EXISTS here.
 */
const heldByOtherCompany = (companyId: number) => sql`(
  EXISTS (SELECT 1 FROM number_additions oa WHERE oa.number_id = n.id AND oa.company_id <> ${companyId})
  OR EXISTS (SELECT 1 FROM number_states os WHERE os.number_id = n.id AND os.company_id <> ${companyId})
  OR EXISTS (SELECT 1 FROM campaign_members om JOIN campaigns oc ON oc.id = om.campaign_id
             WHERE om.number_id = n.id AND oc.company_id <> ${companyId})
  OR (n.assigned_at IS NOT NULL AND n.assigned_company_id IS DISTINCT FROM ${companyId})
)`;

/**
 * The company's view of the shared pool. Current statuses come from number_states
 * (the latest result per company and number, maintained with every result), never
 * from scanning call_results; counts come from trigger-kept counters. A company's reads
 * and writes run on the tenant path (row-level security); what must see other companies'
 * rows (whether another company called a number, deleting from the shared pool) runs on
 * the system path, `this.db`.
 */
export class NumbersRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  /** A filter needs a state row when it names a real status, an agent or attempt dates. */
  private needsState(q: NumberQuery): boolean {
    return (q.status !== undefined && q.status !== 'IN_QUEUE') || q.agentId !== undefined || !!q.since || !!q.until || !!q.changedSince;
  }

  /** Nothing can match: IN_QUEUE numbers have no attempts and no agent. */
  private impossible(q: NumberQuery): boolean {
    return q.status === 'IN_QUEUE' && (q.agentId !== undefined || !!q.since || !!q.until || !!q.changedSince);
  }

  /** Conditions on numbers `n` shared by every path. */
  private numberConds(companyId: number, q: NumberQuery): RawBuilder<unknown>[] {
    const c: RawBuilder<unknown>[] = [];
    if (q.search) {
      const escaped = likeEscape(q.search);
      c.push(/^[0+]/.test(q.search) ? sql`n.phone_number LIKE ${escaped + '%'}` : sql`n.phone_number LIKE ${'%' + escaped + '%'}`);
    }
    if (q.ids) c.push(sql`n.id = ANY(${q.ids}::int[])`);
    if (q.excludedIds?.length) c.push(sql`NOT (n.id = ANY(${q.excludedIds}::int[]))`);
    if (q.campaignId !== undefined) {
      c.push(sql`EXISTS (SELECT 1 FROM campaign_members m JOIN campaigns cp ON cp.id = m.campaign_id
                 WHERE m.number_id = n.id AND m.campaign_id = ${q.campaignId} AND cp.company_id = ${companyId})`);
    }
    return c;
  }

  /** Conditions on number_states `s` (only where a state row is required). */
  private stateConds(companyId: number, q: NumberQuery): RawBuilder<unknown>[] {
    const c: RawBuilder<unknown>[] = [sql`s.company_id = ${companyId}`];
    if (q.status && q.status !== 'IN_QUEUE') c.push(sql`s.status = ${q.status}`);
    if (q.agentId !== undefined) c.push(sql`s.agent_id = ${q.agentId}`);
    if (q.since) c.push(sql`s.last_attempt_at >= ${q.since}`);
    if (q.until) c.push(sql`s.last_attempt_at < ${q.until}`);
    if (q.changedSince) c.push(sql`s.status_changed_at >= ${q.changedSince}`);
    return c;
  }

  private queueCond(companyId: number) {
    return sql`NOT EXISTS (SELECT 1 FROM number_states s0 WHERE s0.company_id = ${companyId} AND s0.number_id = n.id)`;
  }

  /**
   * `SELECT n.id AS number_id, <status>, <agent_id>` of every number in the selection:
   * the shared base of counts, bulk actions and exports.
   */
  selectionSql(companyId: number, q: NumberQuery, extra: RawBuilder<unknown>[] = [], afterId?: number): RawBuilder<unknown> {
    if (this.impossible(q)) return sql`SELECT NULL::int AS number_id, NULL::text AS status, NULL::int AS agent_id WHERE FALSE`;
    const nc = this.numberConds(companyId, q);
    if (this.needsState(q)) {
      // The keyset bound goes on s.number_id so the (company_id, number_id) key walks in order.
      const after = afterId !== undefined ? [sql`s.number_id > ${afterId}`] : [];
      return sql`SELECT n.id AS number_id, s.status, s.agent_id
        FROM number_states s JOIN numbers n ON n.id = s.number_id
        WHERE ${and([...this.stateConds(companyId, q), ...after, ...nc, ...extra])}`;
    }
    if (afterId !== undefined) extra = [...extra, sql`n.id > ${afterId}`];
    if (q.status === 'IN_QUEUE') {
      return sql`SELECT n.id AS number_id, 'IN_QUEUE'::text AS status, NULL::int AS agent_id
        FROM numbers n WHERE ${and([this.queueCond(companyId), ...nc, ...extra])}`;
    }
    return sql`SELECT n.id AS number_id, coalesce(s.status, 'IN_QUEUE') AS status, s.agent_id
      FROM numbers n LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      WHERE ${and([...nc, ...extra])}`;
  }

  // ---- counts -------------------------------------------------------------------------

  async poolSize(db: Executor = this.db): Promise<number> {
    const r = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::bigint AS n FROM pool_counts`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Current-status distribution of the company from the counters (IN_QUEUE derived). */
  async statusCounts(companyId: number, db: Executor = this.tenant(companyId)): Promise<Map<CallStatus, number>> {
    const r = await sql<{ status: CallStatus; n: number }>`
      SELECT status, sum(n)::bigint AS n FROM number_state_counts WHERE company_id = ${companyId} GROUP BY status`.execute(db);
    const counts = new Map<CallStatus, number>();
    let called = 0;
    for (const row of r.rows) {
      const n = Number(row.n);
      if (n > 0) counts.set(row.status, n);
      called += n;
    }
    counts.set('IN_QUEUE', (await this.poolSize(db)) - called);
    return counts;
  }

  async count(companyId: number, q: NumberQuery): Promise<number> {
    if (this.impossible(q)) return 0;
    const onlyStatus =
      !q.search &&
      !q.since &&
      !q.until &&
      !q.changedSince &&
      q.agentId === undefined &&
      q.campaignId === undefined &&
      !q.ids &&
      !q.excludedIds?.length;
    if (onlyStatus) {
      if (!q.status) return this.poolSize(this.tenant(companyId));
      return (await this.statusCounts(companyId)).get(q.status) ?? 0;
    }
    const r = await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM (${this.selectionSql(companyId, q)}) x`.execute(
      this.tenant(companyId),
    );
    return Number(r.rows[0]!.n);
  }

  // ---- lists --------------------------------------------------------------------------

  async list(companyId: number, q: NumberQuery, sort: SortBy, order: SortOrder, skip: number, limit: number): Promise<NumberRowView[]> {
    if (this.impossible(q)) return [];
    if (this.needsState(q)) return this.listStates(companyId, q, sort, order, skip, limit);
    if (q.status === 'IN_QUEUE') return this.listQueue(companyId, q, order, skip, limit);
    if (sort === 'id') return this.listPoolById(companyId, q, order, skip, limit);
    const plain = !q.search && q.campaignId === undefined && !q.ids && !q.excludedIds?.length;
    if (plain) return this.listPoolBySegments(companyId, sort, order, skip, limit);
    return this.listPoolGeneric(companyId, q, sort, order, skip, limit);
  }

  private stateOrder(sort: SortBy, order: SortOrder) {
    const d = dirSql(order);
    if (sort === 'last_attempt_at') return sql`s.last_attempt_at ${d} NULLS LAST, s.number_id ${d}`;
    if (sort === 'status') return sql`s.status ${d}, s.number_id ${d}`;
    return sql`s.number_id ${d}`;
  }

  /**
   * Page the company's state rows on their own index first, then join the 50 numbers:
   * a deep page walks index entries, not 10,000 joins.
   */
  private async listStates(
    companyId: number,
    q: NumberQuery,
    sort: SortBy,
    order: SortOrder,
    skip: number,
    limit: number,
    db: Executor = this.tenant(companyId),
  ) {
    const nc = this.numberConds(companyId, q);
    const from = nc.length ? sql`number_states s JOIN numbers n ON n.id = s.number_id` : sql`number_states s`;
    const r = await sql<NumberRowView>`
      WITH page AS (
        SELECT s.* FROM ${from}
        WHERE ${and([...this.stateConds(companyId, q), ...nc])}
        ORDER BY ${this.stateOrder(sort, order)} OFFSET ${skip} LIMIT ${limit}
      )
      SELECT ${ROW_COLUMNS}
      FROM page s JOIN numbers n ON n.id = s.number_id LEFT JOIN users u ON u.id = s.agent_id
      ORDER BY ${this.stateOrder(sort, order)}`.execute(db);
    return r.rows;
  }

  /** Numbers the company never called, walked in id order; each probe is one primary-key lookup. */
  private async listQueue(companyId: number, q: NumberQuery, order: SortOrder, skip: number, limit: number) {
    const r = await sql<NumberRowView>`
      SELECT ${ROW_COLUMNS}
      FROM numbers n
      LEFT JOIN number_states s ON FALSE
      LEFT JOIN users u ON FALSE
      WHERE ${and([this.queueCond(companyId), ...this.numberConds(companyId, q)])}
      ORDER BY n.id ${dirSql(order)} OFFSET ${skip} LIMIT ${limit}`.execute(this.tenant(companyId));
    return r.rows;
  }

  private async listPoolById(companyId: number, q: NumberQuery, order: SortOrder, skip: number, limit: number) {
    const r = await sql<NumberRowView>`
      WITH page AS (
        SELECT n.* FROM numbers n WHERE ${and(this.numberConds(companyId, q))}
        ORDER BY n.id ${dirSql(order)} OFFSET ${skip} LIMIT ${limit}
      )
      SELECT ${ROW_COLUMNS}
      FROM page n
      LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      LEFT JOIN users u ON u.id = s.agent_id
      ORDER BY n.id ${dirSql(order)}`.execute(this.tenant(companyId));
    return r.rows;
  }

  /**
   * The whole pool sorted by last attempt or status, as consecutive segments whose sizes
   * the counters give: by last attempt, every called number then the never-called ones;
   * by status, one segment per status in order. Only the segments a page overlaps are read.
   */
  private async listPoolBySegments(companyId: number, sort: 'last_attempt_at' | 'status', order: SortOrder, skip: number, limit: number) {
    const counts = await this.statusCounts(companyId);
    type Segment = { status?: CallStatus; queue?: true; size: number };
    let segments: Segment[];
    if (sort === 'last_attempt_at') {
      let called = 0;
      for (const [s, n] of counts) if (s !== 'IN_QUEUE') called += n;
      segments = [{ size: called }, { queue: true, size: counts.get('IN_QUEUE') ?? 0 }];
    } else {
      const statuses = [...counts.keys()].sort();
      if (order === 'desc') statuses.reverse();
      segments = statuses.map((s) =>
        s === 'IN_QUEUE' ? { queue: true as const, size: counts.get(s)! } : { status: s, size: counts.get(s)! },
      );
    }
    const rows: NumberRowView[] = [];
    let start = 0;
    for (const seg of segments) {
      const end = start + seg.size;
      const want = limit - rows.length;
      if (want <= 0) break;
      if (end > skip) {
        const offset = Math.max(0, skip - start);
        const part = seg.queue
          ? await this.listQueue(companyId, {}, order, offset, want)
          : await this.listStates(
              companyId,
              seg.status ? { status: seg.status } : {},
              sort === 'status' ? 'id' : sort,
              order,
              offset,
              want,
            );
        rows.push(...part);
      }
      start = end;
    }
    return rows;
  }

  /** Any other combination: one correct query; fast enough when the search narrows the pool. */
  private async listPoolGeneric(companyId: number, q: NumberQuery, sort: SortBy, order: SortOrder, skip: number, limit: number) {
    const d = dirSql(order);
    const orderBy =
      sort === 'last_attempt_at'
        ? sql`s.last_attempt_at ${d} NULLS LAST, n.id ${d}`
        : sort === 'status'
          ? sql`coalesce(s.status, 'IN_QUEUE') ${d}, n.id ${d}`
          : sql`n.id ${d}`;
    const r = await sql<NumberRowView>`
      SELECT ${ROW_COLUMNS}
      FROM numbers n
      LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      LEFT JOIN users u ON u.id = s.agent_id
      WHERE ${and(this.numberConds(companyId, q))}
      ORDER BY ${orderBy} OFFSET ${skip} LIMIT ${limit}`.execute(this.tenant(companyId));
    return r.rows;
  }

  async findView(companyId: number, numberId: number): Promise<NumberRowView | undefined> {
    const r = await sql<NumberRowView>`
      SELECT ${ROW_COLUMNS}
      FROM numbers n
      LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      LEFT JOIN users u ON u.id = s.agent_id
      WHERE n.id = ${numberId}`.execute(this.tenant(companyId));
    return r.rows[0];
  }

  // ---- export -------------------------------------------------------------------------

  /** One chunk of the selection in id order after `afterId`, for streaming exports. */
  async exportChunk(companyId: number, q: NumberQuery, afterId: number, limit: number): Promise<NumberRowView[]> {
    const r = await sql<NumberRowView>`
      WITH sel AS (
        SELECT number_id FROM (${this.selectionSql(companyId, q, [], afterId)}) x
        ORDER BY number_id LIMIT ${limit}
      )
      SELECT ${ROW_COLUMNS}
      FROM sel JOIN numbers n ON n.id = sel.number_id
      LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      LEFT JOIN users u ON u.id = s.agent_id
      ORDER BY n.id`.execute(this.tenant(companyId));
    return r.rows;
  }

  // ---- writes -------------------------------------------------------------------------

  /**
   * Adds phones to the pool inside `tx`, in chunks; answers how many were new (repeats and
   * numbers already pooled are skipped by ON CONFLICT, which also makes concurrent imports of
   * overlapping lists safe).
   */
  async insertPhones(tx: Executor, phones: string[], chunkSize = 20_000): Promise<number> {
    let added = 0;
    for (let i = 0; i < phones.length; i += chunkSize) {
      const r = await sql<{ n: number }>`
        WITH ins AS (
          INSERT INTO numbers (phone_number) SELECT p FROM unnest(${phones.slice(i, i + chunkSize)}::text[]) AS p
          ON CONFLICT (phone_number) DO NOTHING RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`.execute(tx);
      added += Number(r.rows[0]!.n);
    }
    return added;
  }

  /**
   * Records that the company added these phones (new to the pool or already in it, as
   * this transaction's insertPhones left them). The rows are locked FOR KEY SHARE,
   * as a foreign key check would, so a concurrent delete either waits for this transaction
   * and then sees the addition, or has removed the number first: a phone found missing is
   * put back into the pool and recorded.
   */
  async recordAdditions(companyId: number, tx: Executor, phones: string[], now: Date, chunkSize = 20_000): Promise<void> {
    for (let i = 0; i < phones.length; i += chunkSize) {
      const chunk = [...new Set(phones.slice(i, i + chunkSize))];
      // Each pass puts back what a concurrent delete removed; a delete racing every pass is not a real workload.
      for (let pass = 0; ; pass++) {
        const r = await sql<{ n: number }>`
          WITH held AS (SELECT id FROM numbers WHERE phone_number = ANY(${chunk}::text[]) FOR KEY SHARE),
          ins AS (
            INSERT INTO number_additions (company_id, number_id, added_at) SELECT ${companyId}, id, ${now} FROM held
            ON CONFLICT (company_id, number_id) DO NOTHING
          )
          SELECT count(*)::int AS n FROM held`.execute(tx);
        if (Number(r.rows[0]!.n) >= chunk.length) break;
        if (pass >= 3) throw new Error('numbers kept disappearing from the pool while they were being added');
        await this.insertPhones(tx, chunk);
      }
    }
  }

  /**
   * An import's write: adds the phones to the pool and records that the company added
   * them, one statement per chunk; answers how many were new to the pool. The rows this
   * statement inserts are its own (no other transaction can see, let alone delete, them)
   * and need no lock; the ones already pooled are locked FOR KEY SHARE as recordAdditions
   * explains (the statement's snapshot shows only those). A chunk where a phone was
   * neither inserted nor found (a concurrent insert or delete in between) is recorded
   * again by recordAdditions, which puts back what is missing.
   */
  async addPhones(companyId: number, tx: Executor, phones: string[], now: Date, chunkSize = 20_000): Promise<number> {
    let added = 0;
    for (let i = 0; i < phones.length; i += chunkSize) {
      const chunk = [...new Set(phones.slice(i, i + chunkSize))];
      const r = await sql<{ inserted: number; held: number }>`
        WITH ins AS (
          INSERT INTO numbers (phone_number) SELECT p FROM unnest(${chunk}::text[]) AS p
          ON CONFLICT (phone_number) DO NOTHING RETURNING id
        ),
        held AS (SELECT id FROM numbers WHERE phone_number = ANY(${chunk}::text[]) FOR KEY SHARE),
        recorded AS (
          INSERT INTO number_additions (company_id, number_id, added_at)
          SELECT ${companyId}::int, id, ${now}::timestamptz FROM ins
          UNION ALL SELECT ${companyId}::int, id, ${now}::timestamptz FROM held
          ON CONFLICT (company_id, number_id) DO NOTHING
        )
        SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM held)::int AS held`.execute(tx);
      const { inserted, held } = r.rows[0]!;
      added += Number(inserted);
      if (Number(inserted) + Number(held) < chunk.length) await this.recordAdditions(companyId, tx, chunk, now);
    }
    return added;
  }

  /** Ids of these phones (existing or new), for campaign membership. */
  async idsOfPhones(tx: Executor, phones: string[], chunkSize = 20_000): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < phones.length; i += chunkSize) {
      const r = await sql<{
        id: number;
      }>`SELECT id FROM numbers WHERE phone_number = ANY(${phones.slice(i, i + chunkSize)}::text[])`.execute(tx);
      for (const row of r.rows) ids.push(row.id);
    }
    return ids;
  }

  /** A transaction of the company's (tenant path), e.g. an import. */
  transaction<T>(companyId: number, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.tenant(companyId).transaction().execute(fn);
  }

  /** The selection narrowed to numbers whose current status is in `allowedFrom` (admins: the mutable ones). */
  private writable(companyId: number, q: NumberQuery, allowedFrom: readonly CallStatus[] | undefined) {
    const base = this.selectionSql(companyId, q);
    return allowedFrom ? sql`SELECT * FROM (${base}) w WHERE w.status = ANY(${allowedFrom as CallStatus[]}::text[])` : base;
  }

  /**
   * Sets the company's status of every selected number by recording a manual result
   * (so "latest result = current status" keeps holding) and upserting its state.
   * Numbers already in that status are left alone. Answers how many changed.
   */
  async setStatus(
    companyId: number,
    q: NumberQuery,
    status: Exclude<CallStatus, 'IN_QUEUE'>,
    now: Date,
    allowedFrom?: readonly CallStatus[],
  ): Promise<number> {
    return this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        const r = await sql<{ n: number }>`
        WITH sel AS (${this.writable(companyId, q, allowedFrom)}),
        ins AS (
          INSERT INTO call_results (company_id, number_id, source, status, reason, attempted_at, agent_id)
          SELECT ${companyId}, sel.number_id, 'manual', ${status}, 'manual_update', ${now}, sel.agent_id
          FROM sel WHERE sel.status <> ${status}
          RETURNING id, number_id, agent_id
        ),
        up AS (
          INSERT INTO number_states AS st (company_id, number_id, status, total_attempts, last_attempt_at, status_changed_at, last_result_id, agent_id)
          SELECT ${companyId}, number_id, ${status}, 0, NULL, ${now}, id, agent_id FROM ins
          ON CONFLICT (company_id, number_id) DO UPDATE
            SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at, last_result_id = EXCLUDED.last_result_id
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM up`.execute(tx);
        return Number(r.rows[0]!.n);
      });
  }

  /**
   * Back to IN_QUEUE for this company: its results and state go, and a lock held by
   * this company's own batch is released (another company's lock is theirs to keep).
   * Answers how many selected numbers were reset.
   */
  async reset(companyId: number, q: NumberQuery, allowedFrom?: readonly CallStatus[]): Promise<number> {
    return this.tenant(companyId)
      .transaction()
      .execute(async (tx) => {
        const r = await sql<{ n: number }>`
        WITH sel AS (${this.writable(companyId, q, allowedFrom)}),
        del_states AS (
          DELETE FROM number_states st USING sel WHERE st.company_id = ${companyId} AND st.number_id = sel.number_id RETURNING 1
        ),
        del_results AS (
          DELETE FROM call_results r USING sel WHERE r.company_id = ${companyId} AND r.number_id = sel.number_id RETURNING 1
        ),
        unlock AS (
          UPDATE numbers n SET assigned_at = NULL, assigned_company_id = NULL
          FROM sel WHERE n.id = sel.number_id AND n.assigned_company_id = ${companyId} RETURNING 1
        ),
        -- The dialer's walk may already be past these numbers: park them as ready at once (epoch:
        -- whatever the dialer's clock says)
        -- (for the whole pool, and for each of the company's campaign walks they belong to).
        parked AS (
          INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
          SELECT l.company_id, l.campaign_key, sel.number_id, 'epoch'::timestamptz
          FROM sel JOIN dialer_lanes l ON l.company_id = ${companyId} AND l.lane = dd_lane(sel.number_id) AND sel.number_id <= l.next_id
          WHERE l.campaign_key = 0 OR EXISTS (SELECT 1 FROM campaign_members m WHERE m.campaign_id = l.campaign_key AND m.number_id = sel.number_id)
          ON CONFLICT (company_id, campaign_key, number_id) DO UPDATE SET ready_at = EXCLUDED.ready_at
        )
        SELECT count(*)::int AS n FROM sel`.execute(tx);
        return Number(r.rows[0]!.n);
      });
  }

  /**
   * Removes the selected numbers from the shared pool outright, every company's data with them (a superuser's delete).
   * System path: the pool is shared and the cascade reaches every company's rows.
   */
  async purge(companyId: number, q: NumberQuery): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const r = await sql<{ n: number }>`
        WITH sel AS (${this.selectionSql(companyId, q)}),
        d AS (DELETE FROM numbers n USING sel WHERE n.id = sel.number_id RETURNING 1)
        SELECT count(*)::int AS n FROM d`.execute(tx);
      return Number(r.rows[0]!.n);
    });
  }

  /**
   * A company's delete of the selected numbers (narrowed to statuses in `allowedFrom`):
   * a number no other company holds (heldByOtherCompany) leaves the pool, and with it the
   * company's data through the cascades; of every other number only the company's own data
   * goes — its state and results, its campaign memberships, its record of adding it, its
   * dialer parkings and its batch's lock. Answers how many numbers changed: removed from
   * the pool, or had some of the company's data removed.
   *
   * Set-based in one transaction: the selection is fixed first (the company's states decide
   * it, and they are about to go). On PostgreSQL the numbers that look free are locked before
   * they are checked again in a new snapshot, so another company's addition, result or
   * membership committed meanwhile keeps its number (one arriving after the lock waits,
   * then finds the number gone and fails as a whole).
   */
  // System path: whether another company holds a number is a question about its rows.
  async deleteOwned(companyId: number, q: NumberQuery, allowedFrom: readonly CallStatus[] | undefined): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      await sql`CREATE TEMP TABLE number_delete_selection (number_id integer PRIMARY KEY) ON COMMIT DROP`.execute(tx);
      await sql`INSERT INTO number_delete_selection SELECT number_id FROM (${this.writable(companyId, q, allowedFrom)}) w`.execute(tx);
      await sql`ANALYZE number_delete_selection`.execute(tx);
      await sql`
        SELECT count(*) FROM (
          SELECT n.id FROM numbers n JOIN number_delete_selection sel ON sel.number_id = n.id
          WHERE NOT ${heldByOtherCompany(companyId)} ORDER BY n.id FOR UPDATE OF n
        ) locked`.execute(tx);
      const removed = await sql<{ n: number }>`
        WITH d AS (
          DELETE FROM numbers n USING number_delete_selection sel
          WHERE n.id = sel.number_id AND NOT ${heldByOtherCompany(companyId)} RETURNING 1
        )
        SELECT count(*)::int AS n FROM d`.execute(tx);
      // What is left of the selection is held by another company: only our own rows go.
      const own = await sql<{ n: number }>`
        WITH del_states AS (
          DELETE FROM number_states st USING number_delete_selection sel
          WHERE st.company_id = ${companyId} AND st.number_id = sel.number_id RETURNING st.number_id
        ),
        del_results AS (
          DELETE FROM call_results r USING number_delete_selection sel WHERE r.company_id = ${companyId} AND r.number_id = sel.number_id
        ),
        del_members AS (
          DELETE FROM campaign_members m USING number_delete_selection sel, campaigns c
          WHERE m.number_id = sel.number_id AND c.id = m.campaign_id AND c.company_id = ${companyId} RETURNING m.number_id
        ),
        del_additions AS (
          DELETE FROM number_additions a USING number_delete_selection sel
          WHERE a.company_id = ${companyId} AND a.number_id = sel.number_id RETURNING a.number_id
        ),
        -- Parkings would make our dialer revisit a number we deleted.
        del_parked AS (
          DELETE FROM dialer_deferred d USING number_delete_selection sel WHERE d.company_id = ${companyId} AND d.number_id = sel.number_id
        ),
        unlock AS (
          UPDATE numbers n SET assigned_at = NULL, assigned_company_id = NULL
          FROM number_delete_selection sel WHERE n.id = sel.number_id AND n.assigned_company_id = ${companyId}
        )
        SELECT count(*)::int AS n FROM (
          SELECT number_id FROM del_states UNION SELECT number_id FROM del_members UNION SELECT number_id FROM del_additions
        ) changed`.execute(tx);
      return Number(removed.rows[0]!.n) + Number(own.rows[0]!.n);
    });
  }
}
