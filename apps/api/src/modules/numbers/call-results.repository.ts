import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import type { Database } from '../../db/schema/database';

type Executor = Db | Transaction<Database>;

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
}

/**
 * Writes call results and, in the same statement, the company's current state of each
 * number. The state follows the result with the highest id even when two reports for
 * one number commit out of order; attempts always count.
 */
export class CallResultsRepository {
  constructor(private readonly db: Db) {}

  async record(companyId: number, results: NewCallResult[], now: Date, db: Executor = this.db): Promise<number[]> {
    if (results.length === 0) return [];
    const col = <T>(f: (r: NewCallResult) => T) => results.map(f);
    const r = await sql<{ id: number }>`
      WITH input AS (
        SELECT * FROM unnest(
          ${col((r) => r.numberId)}::int[], ${col((r) => r.status)}::text[], ${col((r) => r.attemptedAt.toISOString())}::timestamptz[],
          ${col((r) => r.source ?? 'dialer')}::text[], ${col((r) => r.agentId ?? null)}::int[], ${col((r) => r.campaignId ?? null)}::int[],
          ${col((r) => r.scenarioId ?? null)}::int[], ${col((r) => r.outboundLineId ?? null)}::int[], ${col((r) => r.reason ?? null)}::text[],
          ${col((r) => r.userMessage ?? null)}::text[], ${col((r) => r.durationSeconds ?? null)}::int[], ${col((r) => r.callSid ?? null)}::text[],
          ${col((r) => r.transcript ?? null)}::text[], ${col((r) => r.summary ?? null)}::text[], ${col((r) => r.recordingUrl ?? null)}::text[],
          ${col((r) => r.transferred ?? false)}::boolean[], ${col((r) => r.transferReason ?? null)}::text[],
          ${col((r) => r.transferDepartment ?? null)}::text[], ${col((r) => r.reportId ?? null)}::text[]
        ) WITH ORDINALITY AS t(number_id, status, attempted_at, source, agent_id, campaign_id, scenario_id, outbound_line_id, reason,
                               user_message, duration_seconds, call_sid, transcript, summary, recording_url, transferred,
                               transfer_reason, transfer_department, report_id, ord)
      ),
      ins AS (
        INSERT INTO call_results (company_id, number_id, status, attempted_at, source, agent_id, campaign_id, scenario_id, outbound_line_id,
                                  reason, user_message, duration_seconds, call_sid, transcript, summary, recording_url, transferred,
                                  transfer_reason, transfer_department, report_id)
        SELECT ${companyId}, number_id, status, attempted_at, source, agent_id, campaign_id, scenario_id, outbound_line_id,
               reason, user_message, duration_seconds, call_sid, transcript, summary, recording_url, transferred,
               transfer_reason, transfer_department, report_id
        FROM input ORDER BY ord
        RETURNING id, number_id, status, attempted_at, source, agent_id, user_message
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
      SELECT id FROM ins ORDER BY id`.execute(db);
    return r.rows.map((x) => Number(x.id));
  }
}
