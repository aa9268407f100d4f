import type { Tx } from '../../db/client';
import type { CallResultsRepository, NewCallResult } from './call-results.repository';
import { REPORTED_CALL } from './call-result-rules';

export type { NewCallResult };

/**
 * Call results are the numbers module's data; the dialer's reports write them through
 * here (the hot path: a plain hand-over to the one statement that records them).
 */
export class CallResultsService {
  constructor(private readonly repo: CallResultsRepository) {}

  /**
   * See CallResultsRepository.record: per input, the new result, or null for a report
   * already recorded. `reported`: calls a dialer reports, with their effects on the
   * shared number (call-result-rules.ts).
   */
  record(
    companyId: number,
    results: NewCallResult[],
    now: Date,
    tx?: Tx,
    opts: { idempotent?: boolean; reported?: boolean; liveTokenId?: number } = {},
  ): Promise<Array<{ id: number; number_id: number } | null>> {
    const { reported, ...rest } = opts;
    return this.repo.record(companyId, results, now, tx, { ...rest, effects: reported ? REPORTED_CALL : undefined });
  }
}
