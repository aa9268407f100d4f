import { PREPARED } from '../../db/client';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema/database';
import { LANES, LOCK_TIMEOUT_MS, type Candidate } from './dispatch-rules';

type Tx = Transaction<Database>;

// "Called by the company" as a per-row primary-key probe (LATERAL … LIMIT 1 keeps it a
// nested loop): a plain join or EXISTS lets the planner merge or hash the company's whole
// state index (a million rows) to answer a 5,000-row chunk of the walk.
const candidateColumns = sql`n.id, n.phone_number, n.global_status, n.last_called_at, n.assigned_at, (st.x IS NOT NULL) AS called`;
const calledProbe = (companyId: number) =>
  sql`LEFT JOIN LATERAL (SELECT 1 AS x FROM number_states s WHERE s.company_id = ${companyId} AND s.number_id = n.id LIMIT 1) st ON TRUE`;

/** All SQL of next-batch and diagnostics. `campaignKey` is the campaign id, or 0 for the whole pool. */
export class DispatchRepository {
  constructor(private readonly db: Db) {}

  /**
   * A transaction, run again (up to 3 times) when PostgreSQL aborts it to break a
   * deadlock: two dialers and an admin can meet on the same parked number, rarely.
   */
  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(fn);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw e;
      }
    }
  }

  /**
   * Releases batch locks older than the timeout (a dialer that died) and parks those
   * numbers as ready for the company whose batch held them. The partial index on
   * assigned_at keeps this cheap when nothing is stale; SKIP LOCKED keeps concurrent
   * callers from queueing behind one another.
   */
  async releaseStale(tx: Tx, now: Date): Promise<number> {
    const cut = new Date(now.getTime() - LOCK_TIMEOUT_MS);
    const r = await sql<{ n: number }>`
      WITH old AS (
        SELECT id, assigned_batch_id FROM numbers WHERE assigned_at < ${cut} FOR UPDATE SKIP LOCKED
      ),
      rel AS (
        UPDATE numbers n SET assigned_at = NULL, assigned_batch_id = NULL, assigned_company_id = NULL
        FROM old WHERE n.id = old.id RETURNING n.id
      ),
      parked AS (
        INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
        SELECT b.company_id, coalesce(b.campaign_id, 0), old.id, ${now}
        FROM old JOIN dialer_batches b ON b.id = old.assigned_batch_id
        ON CONFLICT (company_id, campaign_key, number_id) DO UPDATE SET ready_at = EXCLUDED.ready_at
      )
      SELECT count(*)::int AS n FROM rel`.execute(tx);
    return Number(r.rows[0]!.n);
  }

  /** Parked numbers whose time has come, claimed so concurrent callers take different ones. */
  async readyDeferred(tx: Tx, companyId: number, campaignKey: number, now: Date, limit: number): Promise<number[]> {
    const r = await sql<{ number_id: number }>`${sql.raw(PREPARED)}
      SELECT number_id FROM dialer_deferred
      WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND ready_at <= ${now}
      ORDER BY ready_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(tx);
    return r.rows.map((x) => x.number_id);
  }

  async candidatesByIds(tx: Tx, companyId: number, campaignId: number | null, ids: number[]): Promise<Candidate[]> {
    const r = await sql<Candidate>`
      SELECT ${candidateColumns},
             ${campaignId === null ? sql`TRUE` : sql`EXISTS (SELECT 1 FROM campaign_members m WHERE m.campaign_id = ${campaignId} AND m.number_id = n.id)`} AS member
      FROM numbers n ${calledProbe(companyId)}
      WHERE n.id = ANY(${ids}::int[])
      ORDER BY n.id`.execute(tx);
    return r.rows;
  }

  private readonly lanesKnown = new Set<string>();

  /**
   * Creates a company's lanes for a walk, outside any dispatch transaction (creating
   * them inside, concurrent first calls deadlock on each other's inserts). Remembered
   * per process only to save the round trip; takeLane copes if they vanish.
   */
  async ensureLanes(companyId: number, campaignKey: number): Promise<void> {
    const k = `${companyId}:${campaignKey}`;
    if (this.lanesKnown.has(k)) return;
    await sql`
      INSERT INTO dialer_lanes (company_id, campaign_key, lane)
      SELECT ${companyId}, ${campaignKey}, g FROM generate_series(0, ${LANES - 1}) g
      ON CONFLICT DO NOTHING`.execute(this.db);
    this.lanesKnown.add(k);
  }

  /** The lanes were not there after all (deleted with their walk): create them on the next try. */
  forgetLanes(companyId: number, campaignKey: number): void {
    this.lanesKnown.delete(`${companyId}:${campaignKey}`);
  }

  /**
   * A lane of the walk for this transaction: the one furthest behind among those no
   * other dialer holds and not in `exclude`. When every lane is busy, the first pick
   * waits for one and later picks give up (undefined).
   */
  async takeLane(tx: Tx, companyId: number, campaignKey: number, exclude: number[]): Promise<{ lane: number; next_id: number } | undefined> {
    const pick = (wait: boolean) => sql<{ lane: number; next_id: number }>`${sql.raw(PREPARED)}
      SELECT lane, next_id FROM dialer_lanes
      WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND NOT (lane = ANY(${exclude}::int[]))
      ORDER BY next_id, lane LIMIT 1 ${wait ? sql`FOR UPDATE` : sql`FOR UPDATE SKIP LOCKED`}`.execute(tx);
    const free = await pick(false);
    if (free.rows[0] || exclude.length > 0) return free.rows[0];
    return (await pick(true)).rows[0];
  }

  /** The next numbers of a lane after its cursor, in id order (the whole pool or a campaign's members). */
  async walkLane(tx: Tx, companyId: number, campaignId: number | null, lane: number, afterId: number, limit: number): Promise<Candidate[]> {
    const r =
      campaignId === null
        ? await sql<Candidate>`${sql.raw(PREPARED)}
            SELECT ${candidateColumns}, TRUE AS member
            FROM numbers n ${calledProbe(companyId)}
            WHERE n.id % ${LANES} = ${lane} AND n.id > ${afterId}
            ORDER BY n.id LIMIT ${limit}`.execute(tx)
        : await sql<Candidate>`${sql.raw(PREPARED)}
            SELECT ${candidateColumns}, TRUE AS member
            FROM campaign_members m JOIN numbers n ON n.id = m.number_id ${calledProbe(companyId)}
            WHERE m.campaign_id = ${campaignId} AND m.number_id % ${LANES} = ${lane} AND m.number_id > ${afterId}
            ORDER BY m.number_id LIMIT ${limit}`.execute(tx);
    return r.rows;
  }

  async advanceLane(tx: Tx, companyId: number, campaignKey: number, lane: number, nextId: number): Promise<void> {
    await sql`${sql.raw(PREPARED)}UPDATE dialer_lanes SET next_id = greatest(next_id, ${nextId})
              WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND lane = ${lane}`.execute(tx);
  }

  /**
   * Locks and assigns up to `limit` of these numbers to the batch, re-checking every
   * condition under the row lock; rows another transaction holds are skipped, never
   * waited for. This is the only place a number joins a batch.
   */
  async lockAndAssign(
    tx: Tx,
    companyId: number,
    ids: number[],
    limit: number,
    batchId: string,
    now: Date,
    cooldownMs: number,
  ): Promise<Array<{ id: number; phone_number: string }>> {
    if (ids.length === 0 || limit <= 0) return [];
    const cooldownCut = new Date(now.getTime() - cooldownMs);
    const staleCut = new Date(now.getTime() - LOCK_TIMEOUT_MS);
    const r = await sql<{ id: number; phone_number: string }>`${sql.raw(PREPARED)}
      WITH picked AS (
        SELECT n.id FROM numbers n
        WHERE n.id = ANY(${ids}::int[])
          AND n.global_status = 'ACTIVE'
          AND (n.last_called_at IS NULL OR n.last_called_at <= ${cooldownCut})
          AND (n.assigned_at IS NULL OR n.assigned_at <= ${staleCut})
          AND NOT EXISTS (SELECT 1 FROM number_states s WHERE s.company_id = ${companyId} AND s.number_id = n.id)
        ORDER BY n.id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE numbers n SET assigned_at = ${now}, assigned_batch_id = ${batchId}, assigned_company_id = ${companyId}
      FROM picked WHERE n.id = picked.id
      RETURNING n.id, n.phone_number`.execute(tx);
    return r.rows.sort((a, b) => a.id - b.id);
  }

  /**
   * Parks numbers the walk passed. An existing parking is kept (it is revisited and
   * re-parked then); inserting in id order and never updating another transaction's
   * rows keeps concurrent dialers from waiting on each other.
   */
  async park(tx: Tx, companyId: number, campaignKey: number, items: Array<{ id: number; readyAt: Date }>): Promise<void> {
    if (items.length === 0) return;
    const sorted = [...items].sort((a, b) => a.id - b.id);
    await sql`${sql.raw(PREPARED)}
      INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
      SELECT ${companyId}, ${campaignKey}, x.id, x.ready_at
      FROM unnest(${sorted.map((i) => i.id)}::int[], ${sorted.map((i) => i.readyAt.toISOString())}::timestamptz[]) AS x(id, ready_at)
      ON CONFLICT (company_id, campaign_key, number_id) DO NOTHING`.execute(tx);
  }

  /** Moves parked numbers this transaction claimed (readyDeferred) to a new time. */
  async repark(tx: Tx, companyId: number, campaignKey: number, items: Array<{ id: number; readyAt: Date }>): Promise<void> {
    if (items.length === 0) return;
    await sql`
      UPDATE dialer_deferred d SET ready_at = x.ready_at
      FROM unnest(${items.map((i) => i.id)}::int[], ${items.map((i) => i.readyAt.toISOString())}::timestamptz[]) AS x(id, ready_at)
      WHERE d.company_id = ${companyId} AND d.campaign_key = ${campaignKey} AND d.number_id = x.id`.execute(tx);
  }

  async dropDeferred(tx: Tx, companyId: number, campaignKey: number, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`DELETE FROM dialer_deferred WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND number_id = ANY(${ids}::int[])`.execute(tx);
  }

  async recordBatch(
    tx: Tx,
    b: { id: string; companyId: number; campaignId: number | null; tokenId: number | null; requested: number; returned: number; now: Date },
  ): Promise<void> {
    await tx
      .insertInto('dialer_batches')
      .values({
        id: b.id,
        company_id: b.companyId,
        campaign_id: b.campaignId,
        token_id: b.tokenId,
        size_requested: b.requested,
        size_returned: b.returned,
        created_at: b.now,
      })
      .execute();
  }

  /** Active agents of the company, for the dialer to route calls to. */
  roster(companyId: number) {
    return this.db
      .selectFrom('users')
      .select(['id', 'first_name', 'last_name', 'username', 'phone_number'])
      .where('company_id', '=', companyId)
      .where('role', '=', 'AGENT')
      .where('is_active', '=', true)
      .orderBy('id')
      .execute();
  }

  /**
   * The funnel of why numbers are not available, each step counting numbers not
   * already excluded by an earlier one. One pass over the pool (about a second at
   * 2M numbers): an admin's question, not the dialer's hot path.
   */
  async funnel(companyId: number, campaignId: number | null, now: Date, cooldownMs: number) {
    const cooldownCut = new Date(now.getTime() - cooldownMs);
    const staleCut = new Date(now.getTime() - LOCK_TIMEOUT_MS);
    const member =
      campaignId === null ? sql`TRUE` : sql`EXISTS (SELECT 1 FROM campaign_members m WHERE m.campaign_id = ${campaignId} AND m.number_id = n.id)`;
    const r = await sql<Record<string, number>>`
      SELECT
        count(*)::bigint AS total,
        count(*) FILTER (WHERE k = 1)::bigint AS globally_blocked,
        count(*) FILTER (WHERE k = 2)::bigint AS cooling_down,
        count(*) FILTER (WHERE k = 3)::bigint AS called_by_company,
        count(*) FILTER (WHERE k = 4)::bigint AS locked,
        count(*) FILTER (WHERE k = 5)::bigint AS outside_campaign,
        count(*) FILTER (WHERE k = 6)::bigint AS available
      FROM (
        SELECT CASE
          WHEN n.global_status <> 'ACTIVE' THEN 1
          WHEN n.last_called_at > ${cooldownCut} THEN 2
          WHEN s.number_id IS NOT NULL THEN 3
          WHEN n.assigned_at > ${staleCut} THEN 4
          WHEN NOT ${member} THEN 5
          ELSE 6 END AS k
        FROM numbers n LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      ) x`.execute(this.db);
    const row = r.rows[0]!;
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as {
      total: number;
      globally_blocked: number;
      cooling_down: number;
      called_by_company: number;
      locked: number;
      outside_campaign: number;
      available: number;
    };
  }
}
