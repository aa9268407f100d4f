import { sql } from 'kysely';
import type { Db } from '../../db/client';

export class StatsFoldRepository {
  constructor(private readonly db: Db) {}

  /**
   * Moves up to `batch` rows of each statistics inbox into the counters, in one
   * transaction (dialdeck_stats_fold, migration 0019). 0: nothing left, or another
   * process is folding. System path: the fold spans companies.
   */
  async fold(batch: number): Promise<number> {
    const r = await sql<{ n: number }>`SELECT dialdeck_stats_fold(${batch}::int) AS n`.execute(this.db);
    return Number(r.rows[0]!.n);
  }
}
