import type { Tx } from '../../db/client';
import type { CallResultsRepository, NewCallResult } from './call-results.repository';

export type { NewCallResult };

/**
 * Call results are the numbers module's data; the dialer's reports write them through
 * here (the hot path: a plain hand-over to the one statement that records them).
 */
export class CallResultsService {
  constructor(private readonly repo: CallResultsRepository) {}

  /** See CallResultsRepository.record: per input, the new result, or null for a report already recorded. */
  record(
    companyId: number,
    results: NewCallResult[],
    now: Date,
    tx?: Tx,
    opts?: { idempotent?: boolean; fromDialer?: boolean; liveTokenId?: number },
  ): Promise<Array<{ id: number; number_id: number } | null>> {
    return this.repo.record(companyId, results, now, tx, opts);
  }
}
