import { sql } from 'kysely';
import type { Db } from '../../db/client';

/** The NOTIFY channel dialer results are announced on (payload: the company id). */
export const RESULTS_CHANNEL = 'dialdeck_results';

export class ResultsSignalRepository {
  constructor(private readonly db: Db) {}

  /** On a pooled connection of its own: outside (and after) the transaction that wrote the results. */
  async notify(companyId: number): Promise<void> {
    await sql`select pg_notify(${RESULTS_CHANNEL}, ${String(companyId)})`.execute(this.db);
  }
}
