import { sql } from 'kysely';
import type { Db } from '../../db/client';

/** Failed-login counters in a fixed window per key; not tenant data (keys are ip and username): system path. */
export class LoginFailuresRepository {
  constructor(private readonly db: Db) {}

  async get(keys: string[], now: Date, windowMs: number): Promise<Map<string, { failures: number; windowStart: Date }>> {
    const since = new Date(now.getTime() - windowMs);
    const rows = await this.db
      .selectFrom('login_failures')
      .selectAll()
      .where('key', 'in', keys)
      .where('window_start', '>', since)
      .execute();
    return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStart: r.window_start }]));
  }

  /** +1 on each key; a key whose window has passed starts again at 1. */
  async increment(keys: string[], now: Date, windowMs: number): Promise<void> {
    const since = new Date(now.getTime() - windowMs);
    for (const key of keys) {
      await this.db
        .insertInto('login_failures')
        .values({ key, failures: 1, window_start: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`CASE WHEN login_failures.window_start > ${since} THEN login_failures.failures + 1 ELSE 1 END`,
            window_start: sql`CASE WHEN login_failures.window_start > ${since} THEN login_failures.window_start ELSE ${now} END`,
          }),
        )
        .execute();
    }
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }
}
