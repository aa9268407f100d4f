import { sql, type RawBuilder } from 'kysely';
import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { BreakdownBy } from '@dialdeck/contracts/stats';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';
import { ATTEMPT_COUNT_GRAINS, coverConsecutive, coverRange, type Piece } from './stats-buckets';

/**
 * The statistics reads (issue 11). A figure over a time range is, for the whole buckets
 * that cover it (coverRange: days, hours, quarter hours), the counters of migrations 0018 and 0021
 * plus the inbox rows not folded into them yet (migration 0019, stats-fold.ts), and for
 * what no bucket covers, the raw rows. Each figure is one statement, so one snapshot:
 * a fold moving rows from the inbox to the counters meanwhile changes nothing. The
 * counting rules themselves (what an attempt is, what "connected" is, the buckets) are
 * SQL functions of migrations 0017 and 0018, used here and by the fold alike. Tenant
 * path; the company first.
 */

/** -1 in the counters: every campaign; 0: results without a campaign. */
export const ALL_CAMPAIGNS = -1;

/** A time range [from, to); null ends are unbounded. */
export interface Range {
  from: Date | null;
  to: Date | null;
}

export interface DimTotals {
  key: number | null;
  total: number;
  connected: number;
  transferred: number;
  durationSum: number;
  durationN: number;
}

/** Per dimension: its code in the counters, its column in call_results (`cr`) and in the inbox. */
const DIM: Record<BreakdownBy, { code: string; column: RawBuilder<unknown>; inbox: RawBuilder<unknown> }> = {
  campaign: { code: 'c', column: sql`cr.campaign_id`, inbox: sql.ref('campaign_id') },
  agent: { code: 'a', column: sql`cr.agent_id`, inbox: sql.ref('agent_id') },
  line: { code: 'l', column: sql`cr.outbound_line_id`, inbox: sql.ref('outbound_line_id') },
  scenario: { code: 's', column: sql`cr.scenario_id`, inbox: sql.ref('scenario_id') },
};

const bound = (d: Date | null, end: 'from' | 'to') => (d ? d.toISOString() : end === 'from' ? '-infinity' : 'infinity');

/** The pieces of every range, as the parallel arrays `unnest` reads: range index, grain, from, to. */
function piecesOf(ranges: Range[], raw: boolean) {
  const i: number[] = [];
  const grain: number[] = [];
  const from: string[] = [];
  const to: string[] = [];
  ranges.forEach((r, index) => {
    for (const p of coverRange(r.from, r.to) as Piece[]) {
      if ((p.grain === 0) !== raw) continue;
      i.push(index);
      grain.push(p.grain);
      from.push(bound(p.from, 'from'));
      to.push(bound(p.to, 'to'));
    }
  });
  return { i, grain, from, to, empty: i.length === 0 };
}

function counterRanges(ranges: Range[]) {
  const p = piecesOf(ranges, false);
  return {
    empty: p.empty,
    sql: sql`unnest(${p.i}::int[], ${p.grain}::smallint[], ${p.from}::timestamptz[], ${p.to}::timestamptz[]) AS r (i, grain, f, t)`,
  };
}

function rawRanges(ranges: Range[]) {
  const p = piecesOf(ranges, true);
  return { empty: p.empty, sql: sql`unnest(${p.i}::int[], ${p.from}::timestamptz[], ${p.to}::timestamptz[]) AS r (i, f, t)` };
}

export class StatsRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  /** The raw attempts of range piece `r`. */
  private attemptRows(companyId: number, campaignKey: number): RawBuilder<unknown> {
    return sql`call_results cr WHERE cr.company_id = ${companyId} AND cr.attempted_at >= r.f AND cr.attempted_at < r.t
      AND dialdeck_is_attempt(cr.source) ${campaignKey === ALL_CAMPAIGNS ? sql`` : sql`AND cr.campaign_id = ${campaignKey}`}`;
  }

  /** The attempts of range piece `r` not folded into the counters yet, with their signs (migration 0019). */
  private inboxRows(companyId: number, campaignKey: number): RawBuilder<unknown> {
    return sql`stats_attempt_inbox WHERE company_id = ${companyId} AND attempted_at >= r.f AND attempted_at < r.t
      ${campaignKey === ALL_CAMPAIGNS ? sql`` : sql`AND coalesce(campaign_id, 0) = ${campaignKey}`}`;
  }

  /**
   * Attempts by status in each of consecutive ranges (each starts where the one before
   * ends: one timeframe, or the buckets of a trend); `i` is the range's index. The ranges
   * are read as runs (coverConsecutive), one index range scan per run, and each counter
   * bucket, inbox row or raw row goes to its range by width_bucket over the ranges' starts.
   */
  async attemptsByStatus(companyId: number, ranges: Range[], campaignKey: number): Promise<{ i: number; status: CallStatus; n: number }[]> {
    if (ranges.length === 0) return [];
    // The attempt counters also keep hours from :30 and :15 UTC (migration 0021).
    const runs = coverConsecutive(ranges, ATTEMPT_COUNT_GRAINS);
    const starts = sql`${ranges.map((r) => bound(r.from, 'from'))}::timestamptz[]`;
    const arrays = (pieces: Piece[]) => ({
      empty: pieces.length === 0,
      sql: sql`unnest(${pieces.map((p) => p.grain)}::smallint[], ${pieces.map((p) => bound(p.from, 'from'))}::timestamptz[],
        ${pieces.map((p) => bound(p.to, 'to'))}::timestamptz[]) AS r (grain, f, t)`,
    });
    const counters = arrays(runs.filter((p) => p.grain !== 0));
    const raw = arrays(runs.filter((p) => p.grain === 0));
    const parts: RawBuilder<unknown>[] = [];
    if (!counters.empty) {
      // LATERAL, each grouped: one index range scan per run (a subquery the planner may pull
      // up into a plain join let it scan every bucket of the company instead).
      parts.push(sql`SELECT c.* FROM ${counters.sql} CROSS JOIN LATERAL (
        SELECT width_bucket(bucket, ${starts}) - 1, status, sum(n) FROM stats_attempt_counts
        WHERE company_id = ${companyId} AND campaign_key = ${campaignKey} AND grain = r.grain AND bucket >= r.f AND bucket < r.t
        GROUP BY 1, 2) c`);
      parts.push(sql`SELECT c.* FROM ${counters.sql} CROSS JOIN LATERAL (
        SELECT width_bucket(attempted_at, ${starts}) - 1, status, sum(sign) FROM ${this.inboxRows(companyId, campaignKey)}
        GROUP BY 1, 2) c`);
    }
    if (!raw.empty) {
      parts.push(sql`SELECT c.* FROM ${raw.sql} CROSS JOIN LATERAL (
        SELECT width_bucket(cr.attempted_at, ${starts}) - 1, cr.status, count(*) FROM ${this.attemptRows(companyId, campaignKey)}
        GROUP BY 1, 2) c`);
    }
    const r = await sql<{ i: number; status: CallStatus; n: string }>`
      SELECT i, status, sum(n)::bigint AS n FROM (${sql.join(parts, sql` UNION ALL `)}) x (i, status, n)
      GROUP BY 1, 2 HAVING sum(n) <> 0`.execute(this.tenant(companyId));
    return r.rows.map((x) => ({ i: Number(x.i), status: x.status, n: Number(x.n) }));
  }

  /** Attempts per key of one dimension in the range; key null = results without one. */
  async breakdown(companyId: number, by: BreakdownBy, range: Range, campaignKey: number): Promise<DimTotals[]> {
    const dim = DIM[by];
    const counters = counterRanges([range]);
    const raw = rawRanges([range]);
    const parts: RawBuilder<unknown>[] = [];
    if (!counters.empty) {
      parts.push(sql`SELECT c.* FROM ${counters.sql} CROSS JOIN LATERAL (
        SELECT key, sum(n), sum(connected), sum(transferred), sum(duration_sum), sum(duration_n) FROM stats_attempt_dim_counts
        WHERE company_id = ${companyId} AND dim = ${dim.code} AND campaign_key = ${campaignKey} AND grain = r.grain
          AND bucket >= r.f AND bucket < r.t
        GROUP BY key) c`);
      parts.push(sql`SELECT c.* FROM ${counters.sql} CROSS JOIN LATERAL (
        SELECT coalesce(${dim.inbox}, 0), sum(sign), coalesce(sum(sign) FILTER (WHERE dialdeck_is_connected(status)), 0),
          coalesce(sum(sign) FILTER (WHERE transferred), 0), coalesce(sum(sign * duration_seconds), 0),
          coalesce(sum(sign) FILTER (WHERE duration_seconds IS NOT NULL), 0)
        FROM ${this.inboxRows(companyId, campaignKey)} GROUP BY 1) c`);
    }
    if (!raw.empty) {
      parts.push(sql`SELECT c.* FROM ${raw.sql} CROSS JOIN LATERAL (
        SELECT coalesce(${dim.column}, 0), count(*), count(*) FILTER (WHERE dialdeck_is_connected(cr.status)),
          count(*) FILTER (WHERE cr.transferred), coalesce(sum(cr.duration_seconds), 0), count(cr.duration_seconds)
        FROM ${this.attemptRows(companyId, campaignKey)} GROUP BY 1) c`);
    }
    if (parts.length === 0) return [];
    const r = await sql<{ key: number; total: string; connected: string; transferred: string; dsum: string; dn: string }>`
      SELECT key, sum(n)::bigint AS total, sum(connected)::bigint AS connected, sum(transferred)::bigint AS transferred,
             sum(duration_sum)::bigint AS dsum, sum(duration_n)::bigint AS dn
      FROM (${sql.join(parts, sql` UNION ALL `)}) x (key, n, connected, transferred, duration_sum, duration_n)
      GROUP BY key HAVING sum(n) <> 0`.execute(this.tenant(companyId));
    return r.rows.map((x) => ({
      key: Number(x.key) === 0 ? null : Number(x.key),
      total: Number(x.total),
      connected: Number(x.connected),
      transferred: Number(x.transferred),
      durationSum: Number(x.dsum),
      durationN: Number(x.dn),
    }));
  }

  /** Current statuses set inside the range (IN_QUEUE has no row and is not counted). */
  async statesChanged(companyId: number, range: Range): Promise<Map<CallStatus, number>> {
    const counters = counterRanges([range]);
    const raw = rawRanges([range]);
    const parts: RawBuilder<unknown>[] = [];
    if (!counters.empty) {
      parts.push(sql`SELECT c.status, c.n FROM ${counters.sql} CROSS JOIN LATERAL (
        SELECT status, sum(n) AS n FROM stats_state_change_counts
        WHERE company_id = ${companyId} AND grain = r.grain AND bucket >= r.f AND bucket < r.t GROUP BY status) c`);
      parts.push(sql`SELECT c.status, c.n FROM ${counters.sql} CROSS JOIN LATERAL (
        SELECT status, sum(sign) AS n FROM stats_state_change_inbox
        WHERE company_id = ${companyId} AND status_changed_at >= r.f AND status_changed_at < r.t GROUP BY status) c`);
    }
    if (!raw.empty) {
      parts.push(sql`SELECT c.status, c.n FROM ${raw.sql} CROSS JOIN LATERAL (
        SELECT s.status, count(*) AS n FROM number_states s
        WHERE s.company_id = ${companyId} AND s.status_changed_at >= r.f AND s.status_changed_at < r.t GROUP BY 1) c`);
    }
    const m = new Map<CallStatus, number>();
    if (parts.length === 0) return m;
    const r = await sql<{ status: CallStatus; n: string }>`
      SELECT status, sum(n)::bigint AS n FROM (${sql.join(parts, sql` UNION ALL `)}) x (status, n) GROUP BY status`.execute(
      this.tenant(companyId),
    );
    for (const x of r.rows) if (Number(x.n) !== 0) m.set(x.status, Number(x.n));
    return m;
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
    const m = new Map<CallStatus, number>();
    for (const x of r.rows) if (Number(x.n) !== 0) m.set(x.status, Number(x.n));
    return m;
  }

  /** Display names of the keys of a breakdown. */
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
    } else if (by === 'line') {
      const r = await sql<{ id: number; display_name: string }>`
        SELECT id, display_name FROM outbound_lines WHERE company_id = ${companyId} AND id = ANY(${keys}::int[])`.execute(
        this.tenant(companyId),
      );
      for (const x of r.rows) out.set(x.id, x.display_name);
    } else if (by === 'scenario') {
      const r = await sql<{ id: number; display_name: string }>`
        SELECT id, display_name FROM scenarios WHERE company_id = ${companyId} AND id = ANY(${keys}::int[])`.execute(
        this.tenant(companyId),
      );
      for (const x of r.rows) out.set(x.id, x.display_name);
    }
    return out;
  }
}
