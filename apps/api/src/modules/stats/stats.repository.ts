import { sql, type RawBuilder } from 'kysely';
import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { BreakdownBy } from '@dialdeck/contracts/stats';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';

/**
 * The statistics reads (issue 11). Every figure is the counters of migration 0017 for the
 * whole 15-minute buckets of a timeframe plus, for a timeframe that starts inside a bucket,
 * the raw rows of that partial bucket: [from, whole) — the service computes `whole`.
 * The counting rules themselves (what an attempt is, what "connected" is, the bucket)
 * are SQL functions of that migration, used here and by its triggers alike.
 * Tenant path; the company is the first argument.
 */

/** -1 in the counters: every campaign; 0: results without a campaign. */
export const ALL_CAMPAIGNS = -1;

/** A timeframe as the repository reads it: counters from `whole`, raw rows from `from` up to `whole`. */
export interface Window {
  from: Date;
  whole: Date;
}

export interface DimTotals {
  key: number | null;
  total: number;
  connected: number;
  transferred: number;
  durationSum: number;
  durationN: number;
}

const DIM: Record<BreakdownBy, { code: string; column: RawBuilder<unknown> }> = {
  campaign: { code: 'c', column: sql`campaign_id` },
  agent: { code: 'a', column: sql`agent_id` },
  line: { code: 'l', column: sql`outbound_line_id` },
  scenario: { code: 's', column: sql`scenario_id` },
};

function statusMap(rows: { status: CallStatus; n: number | string }[]): Map<CallStatus, number> {
  const m = new Map<CallStatus, number>();
  for (const r of rows) if (Number(r.n) !== 0) m.set(r.status, Number(r.n));
  return m;
}

export class StatsRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  /** Raw attempts of the partial bucket (none when the window starts on a boundary). */
  private rawAttempts(companyId: number, w: Window | null, campaignKey: number): RawBuilder<unknown> | null {
    if (!w || w.from.getTime() >= w.whole.getTime()) return null;
    return sql`FROM call_results WHERE company_id = ${companyId} AND attempted_at >= ${w.from} AND attempted_at < ${w.whole}
      AND dialdeck_is_attempt(source) ${campaignKey === ALL_CAMPAIGNS ? sql`` : sql`AND campaign_id = ${campaignKey}`}`;
  }

  /** Attempts by status since the window's start (everything for null). */
  async attemptsByStatus(companyId: number, w: Window | null, campaignKey: number): Promise<Map<CallStatus, number>> {
    const raw = this.rawAttempts(companyId, w, campaignKey);
    const r = await sql<{ status: CallStatus; n: string }>`
      SELECT status, sum(n)::bigint AS n FROM (
        SELECT status, n FROM stats_attempts
        WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} ${w ? sql`AND bucket >= ${w.whole}` : sql``}
        ${raw ? sql`UNION ALL SELECT status, count(*) ${raw} GROUP BY status` : sql``}
      ) x GROUP BY status`.execute(this.tenant(companyId));
    return statusMap(r.rows);
  }

  /**
   * Attempts by trend bucket and status: `starts` are the buckets' starts (each a whole
   * 15-minute boundary), oldest first; index i of the answer is the bucket starting at starts[i].
   */
  async attemptTrend(companyId: number, starts: Date[], campaignKey: number): Promise<{ i: number; status: CallStatus; n: number }[]> {
    const r = await sql<{ i: number; status: CallStatus; n: string }>`
      SELECT width_bucket(bucket, ${starts.map((d) => d.toISOString())}::timestamptz[]) - 1 AS i, status, sum(n)::bigint AS n
      FROM stats_attempts
      WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND bucket >= ${starts[0]!}
      GROUP BY 1, 2 HAVING sum(n) <> 0`.execute(this.tenant(companyId));
    return r.rows.map((x) => ({ i: Number(x.i), status: x.status, n: Number(x.n) }));
  }

  /** Attempts per key of one dimension since the window's start; key null = results without one. */
  async breakdown(companyId: number, by: BreakdownBy, w: Window | null, campaignKey: number): Promise<DimTotals[]> {
    const dim = DIM[by];
    const raw = this.rawAttempts(companyId, w, campaignKey);
    const r = await sql<{ key: number; total: string; connected: string; transferred: string; dsum: string; dn: string }>`
      SELECT key, sum(n)::bigint AS total, sum(connected)::bigint AS connected, sum(transferred)::bigint AS transferred,
             sum(duration_sum)::bigint AS dsum, sum(duration_n)::bigint AS dn
      FROM (
        SELECT key, n, connected, transferred, duration_sum, duration_n FROM stats_attempt_dims
        WHERE company_id = ${companyId} AND dim = ${dim.code} AND campaign_key = ${campaignKey} ${w ? sql`AND bucket >= ${w.whole}` : sql``}
        ${
          raw
            ? sql`UNION ALL
              SELECT coalesce(${dim.column}, 0), count(*), count(*) FILTER (WHERE dialdeck_is_connected(status)),
                     count(*) FILTER (WHERE transferred), coalesce(sum(duration_seconds), 0), count(duration_seconds)
              ${raw} GROUP BY 1`
            : sql``
        }
      ) x GROUP BY key HAVING sum(n) <> 0`.execute(this.tenant(companyId));
    return r.rows.map((x) => ({
      key: Number(x.key) === 0 ? null : Number(x.key),
      total: Number(x.total),
      connected: Number(x.connected),
      transferred: Number(x.transferred),
      durationSum: Number(x.dsum),
      durationN: Number(x.dn),
    }));
  }

  /** Current statuses set since the window's start (IN_QUEUE has no row and is not counted). */
  async statesChangedSince(companyId: number, w: Window): Promise<Map<CallStatus, number>> {
    const partial = w.from.getTime() < w.whole.getTime();
    const r = await sql<{ status: CallStatus; n: string }>`
      SELECT status, sum(n)::bigint AS n FROM (
        SELECT status, n FROM stats_state_changes WHERE company_id = ${companyId} AND bucket >= ${w.whole}
        ${
          partial
            ? sql`UNION ALL SELECT status, count(*) FROM number_states
                  WHERE company_id = ${companyId} AND status_changed_at >= ${w.from} AND status_changed_at < ${w.whole} GROUP BY status`
            : sql``
        }
      ) x GROUP BY status`.execute(this.tenant(companyId));
    return statusMap(r.rows);
  }

  /**
   * A campaign's members by this company's current status (IN_QUEUE for members without
   * one); with `since`, only statuses set since then. Counted from the rows: membership
   * has no counters.
   */
  async campaignMembersByStatus(companyId: number, campaignId: number, since: Date | null): Promise<Map<CallStatus, number>> {
    const r = await sql<{ status: CallStatus; n: string }>`
      SELECT coalesce(s.status, 'IN_QUEUE') AS status, count(*)::bigint AS n
      FROM campaign_members m
      JOIN campaigns c ON c.id = m.campaign_id AND c.company_id = ${companyId}
      ${since ? sql`JOIN` : sql`LEFT JOIN`} number_states s ON s.company_id = ${companyId} AND s.number_id = m.number_id
        ${since ? sql`AND s.status_changed_at >= ${since}` : sql``}
      WHERE m.campaign_id = ${campaignId}
      GROUP BY 1`.execute(this.tenant(companyId));
    return statusMap(r.rows);
  }

  /** Display names of the keys of a breakdown; lines and scenarios have no tables yet (#id). */
  async labels(companyId: number, by: BreakdownBy, keys: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (keys.length === 0) return out;
    if (by === 'campaign') {
      const r = await sql<{ id: number; name: string }>`
        SELECT id, name FROM campaigns WHERE company_id = ${companyId} AND id = ANY(${keys}::int[])`.execute(this.tenant(companyId));
      for (const x of r.rows) out.set(x.id, x.name);
    } else if (by === 'agent') {
      const r = await sql<{ id: number; first_name: string | null; last_name: string | null; username: string }>`
        SELECT id, first_name, last_name, username FROM users WHERE company_id = ${companyId} AND id = ANY(${keys}::int[])`.execute(
        this.tenant(companyId),
      );
      for (const x of r.rows) out.set(x.id, [x.first_name, x.last_name].filter((p) => p?.trim()).join(' ') || x.username);
    }
    return out;
  }
}
