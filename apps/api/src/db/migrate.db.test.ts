import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../test/db';
import { openPostgres } from './client';
import { loadMigrations, migrate } from './migrate';

describe(`migrations (${ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.close());

  it('are applied once: a second run does nothing', async () => {
    expect(await migrate(t.db)).toEqual([]);
    const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(t.db);
    expect(rows.rows.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
  });

  it('create the foundation tables', async () => {
    const r = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(t.db);
    expect(r.rows.map((x) => x.table_name)).toEqual(expect.arrayContaining(['companies', 'users', 'login_failures', 'instance_settings']));
  });

  it('a failing migration leaves nothing behind and is not recorded', async () => {
    const bad = [{ name: '9999_broken.sql', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' }];
    await expect(migrate(t.db, bad)).rejects.toThrow();
    const exists = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(t.db);
    expect(exists.rows[0]!.n).toBe(0);
    const recorded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations WHERE name = '9999_broken.sql'`.execute(
      t.db,
    );
    expect(recorded.rows[0]!.n).toBe(0);
  });

  it('several processes migrating at once apply each migration exactly once', async () => {
    const extra = [{ name: '9000_counter.sql', sql: 'CREATE TABLE migration_race (id int); INSERT INTO migration_race VALUES (1);' }];
    // On a server each migrator has its own connection; PGlite has one, shared by all.
    const handles = ENGINE === 'postgres' ? Array.from({ length: 4 }, () => openPostgres(t.url!, { max: 1 })) : [];
    const dbs = ENGINE === 'postgres' ? handles.map((h) => h.db) : Array.from({ length: 4 }, () => t.db);
    try {
      const ran = await Promise.all(dbs.map((db) => migrate(db, [...loadMigrations(), ...extra])));
      expect(ran.flat()).toEqual(['9000_counter.sql']);
      const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM migration_race`.execute(t.db);
      expect(n.rows[0]!.n).toBe(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
