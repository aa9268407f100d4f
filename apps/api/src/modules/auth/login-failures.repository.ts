import { sql } from 'kysely';
import type { Db } from '../../db/client';

// The server stores a lone UTF-16 surrogate (from a username like "\ud800") as U+FFFD,
// so keys are stored in that form and answered under the caller's own spelling.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const stored = (key: string) => key.replace(LONE_SURROGATE, '\uFFFD');

/** Attempt counters in a fixed window per key (login-throttle-rules.ts); not tenant data (keys name addresses and usernames): system path. */
export class LoginFailuresRepository {
  constructor(private readonly db: Db) {}

  /**
   * +1 on each key in one statement, answering each key's count with this attempt in
   * it; a key whose window has passed starts again at 1. Rows are locked in key order,
   * so two reservations over overlapping keys cannot deadlock.
   */
  async reserve(keys: string[], now: Date, windowMs: number): Promise<Map<string, { attempts: number; windowStart: Date }>> {
    const since = new Date(now.getTime() - windowMs);
    const rows = await this.db
      .insertInto('login_failures')
      .values([...new Set(keys.map(stored))].sort().map((key) => ({ key, failures: 1, window_start: now })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`CASE WHEN login_failures.window_start > ${since} THEN login_failures.failures + 1 ELSE 1 END`,
          window_start: sql`CASE WHEN login_failures.window_start > ${since} THEN login_failures.window_start ELSE ${now} END`,
        }),
      )
      .returning(['key', 'failures', 'window_start'])
      .execute();
    const found = new Map(rows.map((r) => [r.key, { attempts: r.failures, windowStart: r.window_start }]));
    const answer = new Map<string, { attempts: number; windowStart: Date }>();
    for (const k of keys) {
      const c = found.get(stored(k));
      if (c) answer.set(k, c);
    }
    return answer;
  }

  /**
   * Deletes the `clear` keys and takes one attempt back from each `giveBack` key; a key
   * left with nothing is deleted, so successful logins leave no rows behind.
   */
  async release(clear: string[], giveBack: string[]): Promise<void> {
    const back = giveBack.map(stored).sort();
    await this.db
      .deleteFrom('login_failures')
      .where((eb) => {
        const drop = [];
        if (clear.length > 0) drop.push(eb('key', 'in', clear.map(stored)));
        if (back.length > 0) drop.push(eb.and([eb('key', 'in', back), eb('failures', '<=', 1)]));
        return eb.or(drop);
      })
      .execute();
    if (back.length > 0) {
      await this.db
        .updateTable('login_failures')
        .set({ failures: sql`failures - 1` })
        .where('key', 'in', back)
        .where('failures', '>', 1)
        .execute();
    }
  }
}
