import type { CallStatus, ListNumberHistoryResponse } from '@dialdeck/contracts/numbers';
import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { toZonedIso } from '../../lib/time';
import type { CallResultsRepository } from './call-results.repository';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';
import { agentName, numberView } from './number-view';
import type { NumbersService } from './numbers.service';

/**
 * A number's detail: how the company sees it now and its call results, newest first.
 * Who may see the number (an agent: only theirs) is NumbersService.get's rule, so the
 * history can never show what the list would not.
 */
export class NumberHistoryService {
  constructor(
    private readonly numbers: NumbersService,
    private readonly results: CallResultsRepository,
  ) {}

  async list(
    actor: Principal,
    scope: CompanyRow,
    numberId: number,
    cursor: string | undefined,
    limit: number,
  ): Promise<ListNumberHistoryResponse> {
    const beforeId = cursor === undefined ? null : decodeHistoryCursor(cursor);
    const number = await this.numbers.get(actor, scope, numberId);
    // One more than asked tells whether there is a next page without a count.
    const rows = await this.results.history(scope.id, numberId, beforeId, limit + 1);
    const page = rows.slice(0, limit);
    const tz = scope.timezone;
    return {
      number: numberView(number, tz),
      items: page.map((r) => ({
        id: r.id,
        number_id: r.number_id,
        status: r.status as CallStatus,
        source: r.source,
        reason: r.reason,
        attempted_at: toZonedIso(r.attempted_at, tz),
        agent_id: r.agent_id,
        agent_name: r.agent_id === null ? null : agentName(r),
        user_message: r.user_message,
        duration_seconds: r.duration_seconds,
        call_sid: r.call_sid,
        transcript: r.transcript,
        summary: r.summary,
        recording_url: r.recording_url,
        campaign_id: r.campaign_id,
        transferred: r.transferred,
        transfer_reason: r.transfer_reason,
        transfer_department: r.transfer_department,
      })),
      next_cursor: rows.length > limit ? encodeHistoryCursor(page.at(-1)!.id) : null,
    };
  }
}
