import { PREPARED } from '../../db/client';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';
import type { Database } from '../../db/schema/database';
import { isTokenLive } from './dialer-tokens.repository';
import { LOCK_TIMEOUT_MS, RETRY_CONTENDED_MS } from './dispatch-rules';

type Tx = Transaction<Database>;

/** An active agent, for the dialer to route calls to. */
export interface Agent {
  id: number;
  first_name: string | null;
  last_name: string | null;
  username: string;
  phone_number: string | null;
}

/** What dialer_dispatch answers; only `ok` changed anything. */
export type DispatchOutcome =
  | { outcome: 'ok'; numbers: Array<{ id: number; phone_number: string }>; roster: Agent[] }
  | { outcome: 'revoked' | 'no_campaign' | 'schedule_changed' | 'no_lanes' };

/**
 * All SQL of next-batch and diagnostics. `campaignKey` is the campaign id, or 0 for the whole pool.
 * Dispatch internals run on the system path (`this.db`, not subject to row-level security):
 * the dispatch works across the shared pool and its locks, the sweep across every
 * company's batches, and the hot path must not pay a context switch. Diagnostics (funnel)
 * run on the tenant path.
 */
export class DispatchRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

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
        SELECT id, company_id, created_at, coalesce(campaign_id, 0) AS campaign_key, number_ids FROM dialer_batches
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
        -- still held by this batch: leased by its company at its created_at (to the microsecond)
        JOIN numbers n ON n.id = u.id AND n.assigned_company_id = due.company_id AND n.assigned_at = due.created_at AND n.assigned_at < ${cut}
        ORDER BY n.id
        FOR UPDATE OF n
      ),
      rel AS (
        UPDATE numbers n SET assigned_at = NULL, assigned_company_id = NULL
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
   * next-batch's work in one statement (migration 0006, dialer_dispatch): confirm the
   * token and the schedule the caller took on trust, take a lane, hand out ready parked
   * numbers, walk, park, move the cursors, write the audit row. One round trip; a
   * deadlock (rare: two dialers and an admin meeting on a parked number) is retried.
   */
  async dispatch(d: {
    companyId: number;
    campaignId: number | null;
    size: number;
    batchId: string;
    tokenId: number | null;
    liveTokenId: number | null;
    now: Date;
    cooldownMs: number;
    maxWalk: number;
    schedule: { version: number; localDate: string; holiday: boolean } | null;
  }): Promise<DispatchOutcome> {
    const s = d.schedule;
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await sql<{ r: DispatchOutcome }>`${sql.raw(PREPARED)}
          SELECT dialer_dispatch(${d.companyId}::int, ${d.campaignId}::int, ${d.size}::int, ${d.batchId}::text, ${d.tokenId}::int,
                                 ${d.liveTokenId}::int, ${d.now}::timestamptz, ${d.cooldownMs}::bigint, ${LOCK_TIMEOUT_MS}::bigint,
                                 ${RETRY_CONTENDED_MS}::bigint, ${d.maxWalk}::int, ${s?.version ?? null}::int,
                                 ${s?.localDate ?? null}::date, ${s?.holiday ?? null}::boolean) AS r`.execute(this.db);
        return r.rows[0]!.r;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw e;
      }
    }
  }

  /**
   * Creates a company's lanes for a walk, outside any dispatch (created inside it,
   * concurrent first calls would deadlock on each other's inserts).
   */
  async createLanes(companyId: number, campaignKey: number): Promise<void> {
    await sql`
      INSERT INTO dialer_lanes (company_id, campaign_key, lane)
      SELECT ${companyId}, ${campaignKey}, g FROM generate_series(0, dd_lane_count() - 1) g
      ON CONFLICT DO NOTHING`.execute(this.db);
  }

  tokenLive(companyId: number, tokenId: number): Promise<boolean> {
    return isTokenLive(this.db, companyId, tokenId);
  }

  /**
   * The funnel of why numbers are not available, each step counting numbers not
   * already excluded by an earlier one: dd_exclusion (migration 0014), the walk's own
   * rule and order. One pass over the pool (about a second at 2M numbers): an admin's
   * question, not the dialer's hot path.
   */
  async funnel(companyId: number, campaignId: number | null, now: Date, cooldownMs: number) {
    const cooldownCut = new Date(now.getTime() - cooldownMs);
    const staleCut = new Date(now.getTime() - LOCK_TIMEOUT_MS);
    const member =
      campaignId === null
        ? sql`TRUE`
        : sql`EXISTS (SELECT 1 FROM campaign_members m WHERE m.campaign_id = ${campaignId} AND m.number_id = n.id)`;
    const r = await sql<Record<string, number>>`
      SELECT
        count(*)::bigint AS total,
        count(*) FILTER (WHERE why = 1)::bigint AS globally_blocked,
        count(*) FILTER (WHERE why = 2)::bigint AS called_by_company,
        count(*) FILTER (WHERE why = 3)::bigint AS outside_campaign,
        count(*) FILTER (WHERE why = 4)::bigint AS cooling_down,
        count(*) FILTER (WHERE why = 5)::bigint AS locked,
        count(*) FILTER (WHERE why IS NULL)::bigint AS available
      FROM (
        SELECT dd_exclusion(n.global_status, s.number_id IS NOT NULL, ${member},
                            n.last_called_at, ${cooldownCut}::timestamptz, n.assigned_at, ${staleCut}::timestamptz) AS why
        FROM numbers n LEFT JOIN number_states s ON s.company_id = ${companyId} AND s.number_id = n.id
      ) x`.execute(this.tenant(companyId));
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
