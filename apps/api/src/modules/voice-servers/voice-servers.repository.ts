import { sql, type Selectable } from 'kysely';
import { isSingleSession, type Db } from '../../db/client';
import type { VoiceServersTable } from '../../db/schema/database';

export type VoiceServerRow = Selectable<VoiceServersTable>;

export interface VoiceServerPatch {
  name?: string;
  url?: string;
  is_active?: boolean;
  priority?: number;
}

export interface HandshakeRecord {
  status: 'verified' | 'failed';
  error: string | null;
}

// Any constant works; it only has to be the same in every process (727_001 is the migrator's, 727_003 the fold's).
const REVERIFY_LOCK_KEY = 727_004;

/**
 * The voice-server registry (migration 0024). System path: the servers are the
 * operator's, not one company's, so no method takes a company id.
 */
export class VoiceServersRepository {
  constructor(private readonly db: Db) {}

  /** Priority first (highest first), then name: the order a superuser reads them in. */
  list(): Promise<VoiceServerRow[]> {
    return this.db
      .selectFrom('voice_servers')
      .selectAll()
      .orderBy('priority', 'desc')
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute();
  }

  listActive(): Promise<VoiceServerRow[]> {
    return this.db.selectFrom('voice_servers').selectAll().where('is_active', '=', true).orderBy('id').execute();
  }

  findById(id: number): Promise<VoiceServerRow | undefined> {
    return this.db.selectFrom('voice_servers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(row: { name: string; url: string; is_active?: boolean; priority?: number }): Promise<VoiceServerRow> {
    return this.db.insertInto('voice_servers').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** A url that differs from the stored one sends the server back to pending, in the same statement. */
  update(id: number, patch: VoiceServerPatch): Promise<VoiceServerRow | undefined> {
    const urlChanged = patch.url === undefined ? sql<boolean>`false` : sql<boolean>`url IS DISTINCT FROM ${patch.url}`;
    return this.db
      .updateTable('voice_servers')
      .set({
        ...patch,
        status: sql`CASE WHEN ${urlChanged} THEN 'pending' ELSE status END`,
        last_verified_at: sql`CASE WHEN ${urlChanged} THEN NULL ELSE last_verified_at END`,
        last_error: sql`CASE WHEN ${urlChanged} THEN NULL ELSE last_error END`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('voice_servers').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * Records a handshake's outcome, only if the server still has the url that was checked:
   * an edit made meanwhile (status back to pending) is not overwritten by a verdict on
   * the old address. undefined: deleted, or its url changed.
   */
  recordHandshake(id: number, checkedUrl: string, outcome: HandshakeRecord): Promise<VoiceServerRow | undefined> {
    return this.db
      .updateTable('voice_servers')
      .set({ status: outcome.status, last_error: outcome.error, last_verified_at: sql`now()` })
      .where('id', '=', id)
      .where('url', '=', checkedUrl)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * The highest-priority verified active server, the least recently picked among equals;
   * its last_picked_at is set in the same statement. Concurrent picks skip a row another
   * pick holds, so they spread over equal servers, but only within the top priority (a
   * skip must never hand out a lower-priority server while a better one is merely busy);
   * when every top row is held, the second statement waits for one instead.
   */
  async pick(): Promise<VoiceServerRow | undefined> {
    const spread = await sql<VoiceServerRow>`
      UPDATE voice_servers SET last_picked_at = clock_timestamp()
      WHERE id = (
        SELECT id FROM voice_servers
        WHERE is_active AND status = 'verified'
          AND priority = (SELECT max(priority) FROM voice_servers WHERE is_active AND status = 'verified')
        ORDER BY last_picked_at ASC NULLS FIRST, id
        FOR UPDATE SKIP LOCKED LIMIT 1
      )
      RETURNING *`.execute(this.db);
    if (spread.rows[0]) return spread.rows[0];
    const waited = await sql<VoiceServerRow>`
      UPDATE voice_servers SET last_picked_at = clock_timestamp()
      WHERE id = (
        SELECT id FROM voice_servers
        WHERE is_active AND status = 'verified'
        ORDER BY priority DESC, last_picked_at ASC NULLS FIRST, id
        FOR UPDATE LIMIT 1
      )
      RETURNING *`.execute(this.db);
    return waited.rows[0];
  }

  /**
   * Runs `fn` only if no other process is re-verifying (a session-level advisory lock, held
   * for the pass and released after it, or with the connection if the process dies).
   * undefined: another process holds it. On a server the lock needs its session, so one
   * pooled connection is held, idle, for the pass; `fn` writes through the pool. PGlite has
   * one session and one process: the lock is taken and released through it, and `fn` keeps
   * the connection free between its statements.
   */
  async withReverifyLock<T>(fn: () => Promise<T>): Promise<{ value: T } | undefined> {
    const tryLock = sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${REVERIFY_LOCK_KEY}) AS ok`;
    const unlock = sql`SELECT pg_advisory_unlock(${REVERIFY_LOCK_KEY})`;
    if (isSingleSession(this.db)) {
      if (!(await tryLock.execute(this.db)).rows[0]!.ok) return undefined;
      try {
        return { value: await fn() };
      } finally {
        await unlock.execute(this.db);
      }
    }
    return this.db.connection().execute(async (conn) => {
      if (!(await tryLock.execute(conn)).rows[0]!.ok) return undefined;
      try {
        return { value: await fn() };
      } finally {
        await unlock.execute(conn);
      }
    });
  }
}
