import { PREPARED } from '../../db/client';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema/database';
import { liveTokenCheck } from '../../db/shared-conditions';
import { tenantDb } from '../../db/tenant';
import type { CallEffects } from './call-result-rules';

type Executor = Db | Transaction<Database>;

/** One stored call result as the history shows it (row types stay here). */
export interface CallResultRow {
  id: number;
  number_id: number;
  status: string;
  source: 'dialer' | 'manual';
  reason: string | null;
  attempted_at: Date;
  agent_id: number | null;
  agent_first_name: string | null;
  agent_last_name: string | null;
  agent_username: string | null;
  user_message: string | null;
  duration_seconds: number | null;
  call_sid: string | null;
  transcript: string | null;
  summary: string | null;
  recording_url: string | null;
  campaign_id: number | null;
  transferred: boolean;
  transfer_reason: string | null;
  transfer_department: string | null;
}

export interface NewCallResult {
  numberId: number;
  status: string;
  attemptedAt: Date;
  source?: 'dialer' | 'manual';
  agentId?: number | null;
  campaignId?: number | null;
  scenarioId?: number | null;
  outboundLineId?: number | null;
  reason?: string | null;
  userMessage?: string | null;
  durationSeconds?: number | null;
  callSid?: string | null;
  transcript?: string | null;
  summary?: string | null;
  recordingUrl?: string | null;
  transferred?: boolean;
  transferReason?: string | null;
  transferDepartment?: string | null;
  reportId?: string | null;
  /** A hash of the report's body, compared when its report_id comes again. */
  reportHash?: string | null;
}

/**
 * Writes call results and, in the same statement, the company's current state of each
 * number. The state follows the result with the highest id even when two reports for
 * one number commit out of order; attempts always count. Written by the dialer's reports,
 * on the system path (`this.db` or the report's transaction): the hot path stays in one
 * context, and a report also stamps the shared pool.
 */
export class CallResultsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records results in input order; answers, per input, the new result id and number,
   * or null for a report whose report_id the company already has (with `idempotent`).
   * With `effects` (call-result-rules.ts), the numbers are touched too, in the same
   * statement: the last call stamped (never ahead of now), this company's batch lease
   * released when the rule says so, and a blocking status blocks the number for every company. With `liveTokenId`,
   * nothing is written (every answer null) unless that dialer token is still live and
   * its company active, checked in the same statement.
   */
  async record(
    companyId: number,
    results: NewCallResult[],
    now: Date,
    db: Executor = this.db,
    opts: { idempotent?: boolean; effects?: CallEffects; liveTokenId?: number } = {},
  ): Promise<Array<{ id: number; number_id: number } | null>> {
    if (results.length === 0) return [];
    const col = <T>(f: (r: NewCallResult) => T) => results.map(f);
    const r = await sql<{ id: number; number_id: number; ord: number }>`${sql.raw(PREPARED)}
      WITH input AS (
        -- Ids are drawn here, one per input row, so each inserted result maps back to its input.
        SELECT t.*, nextval(pg_get_serial_sequence('call_results', 'id')) AS new_id FROM unnest(
          ${col((r) => r.numberId)}::int[], ${col((r) => r.status)}::text[], ${col((r) => r.attemptedAt.toISOString())}::timestamptz[],
          ${col((r) => r.source ?? 'dialer')}::text[], ${col((r) => r.agentId ?? null)}::int[], ${col((r) => r.campaignId ?? null)}::int[],
          ${col((r) => r.scenarioId ?? null)}::int[], ${col((r) => r.outboundLineId ?? null)}::int[], ${col((r) => r.reason ?? null)}::text[],
          ${col((r) => r.userMessage ?? null)}::text[], ${col((r) => r.durationSeconds ?? null)}::int[], ${col((r) => r.callSid ?? null)}::text[],
          ${col((r) => r.transcript ?? null)}::text[], ${col((r) => r.summary ?? null)}::text[], ${col((r) => r.recordingUrl ?? null)}::text[],
          ${col((r) => r.transferred ?? false)}::boolean[], ${col((r) => r.transferReason ?? null)}::text[],
          ${col((r) => r.transferDepartment ?? null)}::text[], ${col((r) => r.reportId ?? null)}::text[],
          ${col((r) => r.reportHash ?? null)}::text[]
        ) WITH ORDINALITY AS t(number_id, status, attempted_at, source, agent_id, campaign_id, scenario_id, outbound_line_id, reason,
                               user_message, duration_seconds, call_sid, transcript, summary, recording_url, transferred,
                               transfer_reason, transfer_department, report_id, report_hash, ord)
        ${opts.liveTokenId !== undefined ? sql`WHERE ${liveTokenCheck(companyId, opts.liveTokenId)}` : sql``}
        ORDER BY ord
      ),
      ins AS (
        INSERT INTO call_results (id, company_id, number_id, status, attempted_at, source, agent_id, campaign_id, scenario_id, outbound_line_id,
                                  reason, user_message, duration_seconds, call_sid, transcript, summary, recording_url, transferred,
                                  transfer_reason, transfer_department, report_id, report_hash)
        SELECT new_id, ${companyId}, number_id, status, attempted_at, source, agent_id, campaign_id, scenario_id, outbound_line_id,
               reason, user_message, duration_seconds, call_sid, transcript, summary, recording_url, transferred,
               transfer_reason, transfer_department, report_id, report_hash
        FROM input ORDER BY ord
        ${opts.idempotent ? sql`ON CONFLICT (company_id, report_id) WHERE report_id IS NOT NULL DO NOTHING` : sql``}
        RETURNING id, number_id, status, attempted_at, source, agent_id, user_message, report_id
      ),
      -- Several results for one number in one call fold into one state change (the last wins).
      folded AS (
        SELECT DISTINCT ON (number_id) number_id, id, status, attempted_at, agent_id, user_message,
               count(*) FILTER (WHERE source = 'dialer') OVER (PARTITION BY number_id) AS attempts,
               max(attempted_at) FILTER (WHERE source = 'dialer') OVER (PARTITION BY number_id) AS attempted
        FROM ins ORDER BY number_id, id DESC
      ),
      st AS (
        INSERT INTO number_states AS s (company_id, number_id, status, total_attempts, last_attempt_at, status_changed_at, last_result_id, agent_id, last_user_message)
        SELECT ${companyId}, number_id, status, attempts, attempted, ${now}, id, agent_id, user_message FROM folded
        ON CONFLICT (company_id, number_id) DO UPDATE SET
          total_attempts    = s.total_attempts + EXCLUDED.total_attempts,
          last_attempt_at   = CASE WHEN EXCLUDED.last_result_id > s.last_result_id THEN coalesce(EXCLUDED.last_attempt_at, s.last_attempt_at) ELSE s.last_attempt_at END,
          status_changed_at = CASE WHEN EXCLUDED.last_result_id > s.last_result_id AND EXCLUDED.status <> s.status THEN EXCLUDED.status_changed_at ELSE s.status_changed_at END,
          status            = CASE WHEN EXCLUDED.last_result_id > s.last_result_id THEN EXCLUDED.status ELSE s.status END,
          agent_id          = CASE WHEN EXCLUDED.last_result_id > s.last_result_id THEN EXCLUDED.agent_id ELSE s.agent_id END,
          last_user_message = CASE WHEN EXCLUDED.last_result_id > s.last_result_id THEN EXCLUDED.last_user_message ELSE s.last_user_message END,
          last_result_id    = greatest(EXCLUDED.last_result_id, s.last_result_id)
        RETURNING 1
      )
      ${
        opts.effects
          ? sql`, touched AS (
        UPDATE numbers n SET
          assigned_at         = CASE WHEN ${opts.effects.releaseOwnLease}::boolean AND n.assigned_company_id = ${companyId} THEN NULL ELSE n.assigned_at END,
          assigned_company_id = CASE WHEN ${opts.effects.releaseOwnLease}::boolean AND n.assigned_company_id = ${companyId} THEN NULL ELSE n.assigned_company_id END,
          last_called_at = greatest(n.last_called_at, t.called_at),
          last_called_company_id = CASE WHEN n.last_called_at IS NULL OR t.called_at >= n.last_called_at THEN ${companyId} ELSE n.last_called_company_id END,
          global_status = coalesce(t.block, n.global_status)
        FROM (
          SELECT number_id, least(max(attempted_at), ${now}::timestamptz) AS called_at,
                 max(status) FILTER (WHERE status = ANY(${opts.effects.blockingStatuses}::text[])) AS block
          FROM ins GROUP BY number_id
        ) t
        WHERE n.id = t.number_id
      )`
          : sql``
      }
      SELECT i.id, i.number_id, input.ord FROM ins i JOIN input ON input.new_id = i.id`.execute(db);
    const out: Array<{ id: number; number_id: number } | null> = results.map(() => null);
    for (const row of r.rows) out[Number(row.ord) - 1] = { id: Number(row.id), number_id: Number(row.number_id) };
    return out;
  }

  /**
   * A company's results for one number, newest (highest id) first, after the keyset
   * `beforeId`; up to `limit`. On the tenant path, so row-level security keeps another
   * company's results out even without the company_id filter. The index
   * call_results_company_number (company_id, number_id, id) answers it backwards.
   */
  async history(companyId: number, numberId: number, beforeId: number | null, limit: number): Promise<CallResultRow[]> {
    const r = await sql<CallResultRow>`
      SELECT r.id, r.number_id, r.status, r.source, r.reason, r.attempted_at, r.agent_id,
             u.first_name AS agent_first_name, u.last_name AS agent_last_name, u.username AS agent_username,
             r.user_message, r.duration_seconds, r.call_sid, r.transcript, r.summary, r.recording_url,
             r.campaign_id, r.transferred, r.transfer_reason, r.transfer_department
      FROM call_results r
      LEFT JOIN users u ON u.id = r.agent_id
      WHERE r.company_id = ${companyId} AND r.number_id = ${numberId}
        ${beforeId !== null ? sql`AND r.id < ${beforeId}` : sql``}
      ORDER BY r.id DESC
      LIMIT ${limit}`.execute(tenantDb(this.db, companyId));
    return r.rows.map((row) => ({ ...row, id: Number(row.id), number_id: Number(row.number_id) }));
  }
}
