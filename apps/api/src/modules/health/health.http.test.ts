import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openPglite, openPostgres, type DbHandle } from '../../db/client';
import type { App } from '../../lib/http';
import { buildTestApp, type TestApp } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freePort } from '../../../test/server-process';

const config = { secretKey: 'test-secret-test-secret-test-secret-0000', webDist: '/nonexistent', logLevel: 'silent' as const };

/** A database that does not answer: a PostgreSQL URL nobody listens on, or a PGlite that has been closed (as at shutdown). */
async function unreachableDb(): Promise<DbHandle> {
  if (ENGINE === 'postgres') return openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
  const handle = await openPglite();
  // Kysely only closes a database it has used.
  await sql`SELECT 1`.execute(handle.db);
  await handle.close();
  return handle;
}

describe(`GET /api/health and requests while the database is down (${ENGINE})`, () => {
  let t: TestApp | undefined;
  let down: { app: App; handle: DbHandle } | undefined;
  afterAll(async () => {
    await t?.close();
    await down?.app.close();
    if (ENGINE === 'postgres') await down?.handle.close();
  });

  it('answers 200 {status: ok, db: ok} while the database answers', async () => {
    t = await buildTestApp();
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 with db: "down" and Retry-After, and every request 503 with Retry-After instead of 500 or a hang', async () => {
    const handle = await unreachableDb();
    down = { app: await buildApp({ config, db: handle.db, logger: false }), handle };
    const health = await down.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('2');
    expect(health.json()).toEqual({
      status: 'unavailable',
      db: 'down',
      error: { code: 'UNAVAILABLE', message: 'The database does not answer.' },
    });

    const login = await down.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'someone', password: 'a-password-1' },
    });
    expect(login.statusCode).toBe(503);
    expect(login.headers['retry-after']).toBe('2');
    expect(login.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'The database is not reachable right now. Try again in a few seconds.' },
    });
  });
});
