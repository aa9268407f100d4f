import { PREPARED } from '../../db/client';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema/database';
import { isTokenLive, liveTokenCheck } from './dialer-tokens.repository';
import { LANES, LOCK_TIMEOUT_MS, type Candidate } from './dispatch-rules';

type Tx = Transaction<Database>;

/** An active agent, for the dialer to route calls to. */
export interface Agent {
  id: number;
  first_name: string | null;
  last_name: string | null;
  username: string;
  phone_number: string | null;
}

// "Called by the company" as a per-row primary-key probe (LATERAL … LIMIT 1 keeps it a
// nested loop): a plain join or EXISTS lets the planner merge or hash the company's whole
// state index (a million rows) to answer a 5,000-row chunk of the walk.
const candidateColumns = sql`n.id, n.phone_number, n.global_status, n.last_called_at, n.assigned_at, (st.x IS NOT NULL) AS called`;
const calledProbe = (companyId: number) =>
  sql`LEFT JOIN LATERAL (SELECT 1 AS x FROM number_states s WHERE s.company_id = ${companyId} AND s.number_id = n.id LIMIT 1) st ON TRUE`;

/**
 * What a number must be, checked under its row lock, to join a batch now (besides not
 * called by the company): active, not cooling down, not held by a live batch.
 */
const lockable = (now: Date, cooldownMs: number) =>
  sql`n.global_status = 'ACTIVE'
      AND (n.last_called_at IS NULL OR n.last_called_at <= ${new Date(now.getTime() - cooldownMs)})
      AND (n.assigned_at IS NULL OR n.assigned_at <= ${new Date(now.getTime() - LOCK_TIMEOUT_MS)})`;

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
   * Releases the leases of batches older than the timeout (a dialer that died) and parks
   * those numbers as ready for the company whose batch held them. Found through the
   * batches, not an index on numbers (which would cost every lease a non-HOT update):
   * each batch is swept once, and only numbers it still holds are touched. Concurrent
   * sweeps take different batches (SKIP LOCKED).
   */
  async releaseStale(tx: Tx, now: Date): Promise<number> {
    const cut = new Date(now.getTime() - LOCK_TIMEOUT_MS);
    const r = await sql<{ n: number }>`${sql.raw(PREPARED)}
      WITH due AS (
        SELECT id, company_id, coalesce(campaign_id, 0) AS campaign_key, number_ids FROM dialer_batches
        WHERE NOT swept AND created_at < ${cut}
        ORDER BY created_at LIMIT 5000
        FOR UPDATE SKIP LOCKED
      ),
      marked AS (
        UPDATE dialer_batches b SET swept = TRUE FROM due WHERE b.id = due.id
      ),
      held AS (
        SELECT n.id, due.company_id, due.campaign_key
        FROM due CROSS JOIN LATERAL unnest(due.number_ids) AS u(id)
        JOIN numbers n ON n.id = u.id AND n.assigned_batch_id = due.id AND n.assigned_at < ${cut}
        ORDER BY n.id
        FOR UPDATE OF n
      ),
      rel AS (
        UPDATE numbers n SET assigned_at = NULL, assigned_batch_id = NULL, assigned_company_id = NULL
        FROM held WHERE n.id = held.id RETURNING n.id
      ),
      parked AS (
        INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
        SELECT company_id, campaign_key, id, ${now} FROM held
        ON CONFLICT (company_id, campaign_key, number_id) DO UPDATE SET ready_at = EXCLUDED.ready_at
      )
      SELECT count(*)::int AS n FROM rel`.execute(tx);
    return Number(r.rows[0]!.n);
  }

  /**
   * The transaction's first statement: a free lane of the walk (the one furthest behind
   * that no other dialer holds; none when all are busy, see takeLane), the parked
   * numbers whose time has come (claimed, so concurrent callers take different ones),
   * given a token taken on trust, whether it is still live, and the company's active
   * agents (the roster the answer carries).
   */
  async open(
    tx: Tx,
    companyId: number,
    campaignKey: number,
    now: Date,
    readyLimit: number,
    liveTokenId: number | null,
  ): Promise<{ lane: { lane: number; next_id: number } | undefined; ready: number[]; live: boolean; roster: Agent[] }> {
    const live = liveTokenId === null ? sql`TRUE` : liveTokenCheck(companyId, liveTokenId);
    const r = await sql<{ lane: number | null; next_id: number | null; ready: number[]; live: boolean; roster: Agent[] | null }>`${sql.raw(PREPARED)}
      WITH lane AS (
        SELECT lane, next_id FROM dialer_lanes
        WHERE company_id = ${companyId} AND campaign_key = ${campaignKey}
        ORDER BY next_id, lane LIMIT 1 FOR UPDATE SKIP LOCKED
      ),
      ready AS (
        SELECT number_id FROM dialer_deferred
        WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND ready_at <= ${now}
        ORDER BY ready_at LIMIT ${readyLimit} FOR UPDATE SKIP LOCKED
      )
      SELECT l.lane, l.next_id, ARRAY(SELECT number_id FROM ready) AS ready, ${live} AS live,
             (SELECT json_agg(json_build_object('id', u.id, 'first_name', u.first_name, 'last_name', u.last_name,
                                                'username', u.username, 'phone_number', u.phone_number) ORDER BY u.id)
              FROM users u WHERE u.company_id = ${companyId} AND u.role = 'AGENT' AND u.is_active) AS roster
      FROM (SELECT 1) one LEFT JOIN lane l ON TRUE`.execute(tx);
    const row = r.rows[0]!;
    return { lane: row.lane === null ? undefined : { lane: row.lane, next_id: row.next_id! }, ready: row.ready, live: row.live, roster: row.roster ?? [] };
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
   * A lane of the walk for this transaction, not in `exclude`: the one furthest behind
   * that no other dialer holds, or undefined; with `wait`, waits for one instead.
   */
  async takeLane(tx: Tx, companyId: number, campaignKey: number, exclude: number[], wait = false): Promise<{ lane: number; next_id: number } | undefined> {
    const r = await sql<{ lane: number; next_id: number }>`${sql.raw(PREPARED)}
      SELECT lane, next_id FROM dialer_lanes
      WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND NOT (lane = ANY(${exclude}::int[]))
      ORDER BY next_id, lane LIMIT 1 ${wait ? sql`FOR UPDATE` : sql`FOR UPDATE SKIP LOCKED`}`.execute(tx);
    return r.rows[0];
  }

  /**
   * The next numbers of a lane after its cursor, in id order (the whole pool or a
   * campaign's members), and in the same statement the first `need` eligible ones among
   * them locked and assigned to the batch (`taken`). Every condition is checked again
   * under the row lock; rows another transaction holds are skipped, never waited for.
   */
  async walkAndLock(
    tx: Tx,
    w: { companyId: number; campaignId: number | null; lane: number; afterId: number; limit: number; need: number; batchId: string; now: Date; cooldownMs: number },
  ): Promise<Array<Candidate & { taken: boolean }>> {
    const walk =
      w.campaignId === null
        ? sql`SELECT ${candidateColumns}, TRUE AS member
              FROM numbers n ${calledProbe(w.companyId)}
              WHERE n.id % ${LANES} = ${w.lane} AND n.id > ${w.afterId}
              ORDER BY n.id LIMIT ${w.limit}`
        : sql`SELECT ${candidateColumns}, TRUE AS member
              FROM campaign_members m JOIN numbers n ON n.id = m.number_id ${calledProbe(w.companyId)}
              WHERE m.campaign_id = ${w.campaignId} AND m.number_id % ${LANES} = ${w.lane} AND m.number_id > ${w.afterId}
              ORDER BY m.number_id LIMIT ${w.limit}`;
    const r = await sql<Candidate & { taken: boolean }>`${sql.raw(PREPARED)}
      WITH cand AS MATERIALIZED (${walk}),
      picked AS (
        SELECT n.id FROM cand JOIN numbers n ON n.id = cand.id
        WHERE NOT cand.called
          AND ${lockable(w.now, w.cooldownMs)}
        ORDER BY n.id LIMIT ${w.need}
        FOR UPDATE OF n SKIP LOCKED
      ),
      upd AS (
        UPDATE numbers n SET assigned_at = ${w.now}, assigned_batch_id = ${w.batchId}, assigned_company_id = ${w.companyId}
        FROM picked WHERE n.id = picked.id
        RETURNING n.id
      )
      SELECT cand.*, (upd.id IS NOT NULL) AS taken FROM cand LEFT JOIN upd ON upd.id = cand.id
      ORDER BY cand.id`.execute(tx);
    return r.rows;
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
    const r = await sql<{ id: number; phone_number: string }>`${sql.raw(PREPARED)}
      WITH picked AS (
        SELECT n.id FROM numbers n
        WHERE n.id = ANY(${ids}::int[])
          AND ${lockable(now, cooldownMs)}
          AND NOT EXISTS (SELECT 1 FROM number_states s WHERE s.company_id = ${companyId} AND s.number_id = n.id)
        ORDER BY n.id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE numbers n SET assigned_at = ${now}, assigned_batch_id = ${batchId}, assigned_company_id = ${companyId}
      FROM picked WHERE n.id = picked.id
      RETURNING n.id, n.phone_number`.execute(tx);
    return r.rows.sort((a, b) => a.id - b.id);
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

  /**
   * The transaction's last statement: parks the numbers the walk passed (an existing
   * parking is kept: it is revisited and re-parked then; inserting in id order and never
   * updating another transaction's rows keeps concurrent dialers from waiting on each
   * other), moves the lanes' cursors, and writes the batch's audit row with its numbers.
   */
  async finish(
    tx: Tx,
    f: {
      companyId: number;
      campaignKey: number;
      parked: Array<{ id: number; readyAt: Date }>;
      lanes: Array<{ lane: number; nextId: number }>;
      batch: { id: string; campaignId: number | null; tokenId: number | null; requested: number; numberIds: number[]; now: Date };
    },
  ): Promise<void> {
    const parked = [...f.parked].sort((a, b) => a.id - b.id);
    const b = f.batch;
    await sql`${sql.raw(PREPARED)}
      WITH parked AS (
        INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
        SELECT ${f.companyId}, ${f.campaignKey}, x.id, x.ready_at
        FROM unnest(${parked.map((i) => i.id)}::int[], ${parked.map((i) => i.readyAt.toISOString())}::timestamptz[]) AS x(id, ready_at)
        ORDER BY x.id
        ON CONFLICT (company_id, campaign_key, number_id) DO NOTHING
      ),
      lanes AS (
        UPDATE dialer_lanes l SET next_id = greatest(l.next_id, x.next_id)
        FROM unnest(${f.lanes.map((l) => l.lane)}::int[], ${f.lanes.map((l) => l.nextId)}::int[]) AS x(lane, next_id)
        WHERE l.company_id = ${f.companyId} AND l.campaign_key = ${f.campaignKey} AND l.lane = x.lane
      )
      INSERT INTO dialer_batches (id, company_id, campaign_id, token_id, size_requested, size_returned, created_at, number_ids, swept)
      VALUES (${b.id}, ${f.companyId}, ${b.campaignId}, ${b.tokenId}, ${b.requested}, ${b.numberIds.length}, ${b.now}, ${b.numberIds}::int[], ${b.numberIds.length === 0})`.execute(tx);
  }

  tokenLive(companyId: number, tokenId: number): Promise<boolean> {
    return isTokenLive(this.db, companyId, tokenId);
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
