import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../test/db';
import { dbUnavailable } from '../lib/errors';
import { PREPARED } from './client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backendPid = (db: TestDb['db']) =>
  sql<{ pid: number }>`${sql.raw(PREPARED)}SELECT pg_backend_pid() AS pid`.execute(db).then((r) => r.rows[0]!.pid);

describe(`db client: a connection lost while a request holds it (${ENGINE})`, () => {
  let t: TestDb | undefined;
  afterAll(async () => t?.close());

  it('fails that request as "database unavailable", raises nothing unhandled, and the next request works on a fresh connection', async () => {
    t = await createTestDb();
    const db = t.db;
    const url = t.url;
    let held = 0;
    const failure = await db
      .transaction()
      .execute(async (tx) => {
        const pid = (held = await backendPid(tx));
        if (url) {
          // As `pg_ctl restart -m fast` does to every backend: FATAL 57P01 on a connection
          // that sits checked out between two statements (pg emits 'error' on the client).
          const admin = new pg.Client({ connectionString: url });
          await admin.connect();
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await admin.end();
          await sleep(300);
        }
        // PGlite has no connection to lose: its single one must survive a failed statement.
        await sql`SELECT 1 / 0`.execute(tx);
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(dbUnavailable(failure)).toBe(ENGINE === 'postgres');

    // The prepared statement is prepared again on the new connection (pg keeps names per connection).
    const after = await backendPid(db);
    if (ENGINE === 'postgres') expect(after).not.toBe(held);
    const [a, b] = await Promise.all([backendPid(db), sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(db)]);
    expect(typeof a).toBe('number');
    expect(b.rows[0]!.n).toBe(42);
  });
});
