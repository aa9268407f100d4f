import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../test/db';
import { openPostgres } from './client';
import { execFileSync } from 'node:child_process';
import { loadMigrations, migrate, migrationChecksum, MigrationMismatchError, type Migration } from './migrate';
import { schemaFingerprint } from '../../test/schema-fingerprint';

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
    await expect(migrate(t.db, [...loadMigrations(), ...bad])).rejects.toThrow(/no_such_table/);
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

  it('record the checksum of every applied file', async () => {
    const rows = await sql<{ name: string; checksum: string }>`SELECT name, checksum FROM schema_migrations ORDER BY name`.execute(t.db);
    const shipped = new Map(loadMigrations().map((m) => [m.name, migrationChecksum(m.sql)]));
    for (const r of rows.rows.filter((r) => shipped.has(r.name))) expect(r.checksum).toBe(shipped.get(r.name));
    expect(migrationChecksum('a\r\nb\n')).toBe(migrationChecksum('a\nb\n'));
  });
});

describe(`migration checksums (${ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.close());
  const shipped = () => loadMigrations();
  const applied = async () => (await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(t.db)).rows;

  it('refuse a database whose applied migration differs from the shipped file, naming it, and change nothing', async () => {
    const edited = shipped().map((m) => (m.name.startsWith('0003_') ? { ...m, sql: `${m.sql}\n-- an edit after release\n` } : m));
    const before = await applied();
    const err = await migrate(t.db, [...edited, { name: '9100_pending.sql', sql: 'CREATE TABLE should_not_exist (id int);' }]).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(MigrationMismatchError);
    expect((err as Error).message).toMatch(/0003_schedule\.sql differs from the shipped file/);
    expect(await applied()).toEqual(before);
  });

  it('refuse a database that has a migration this build does not ship', async () => {
    const err = await migrate(t.db, shipped().slice(0, -1)).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationMismatchError);
    expect((err as Error).message).toContain(`${shipped().at(-1)!.name} that this build does not ship`);
  });

  it('record the shipped checksum for migrations applied before checksums existed', async () => {
    await sql`UPDATE schema_migrations SET checksum = NULL`.execute(t.db);
    expect(await migrate(t.db)).toEqual([]);
    const nulls = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations WHERE checksum IS NULL`.execute(t.db);
    expect(nulls.rows[0]!.n).toBe(0);
  });
});

/** The text a migration had at a commit (0002 and 0006 had a first version before the one that landed). */
function atCommit(commit: string, name: string): Migration {
  const text = execFileSync('git', ['show', `${commit}:apps/api/src/db/migrations/${name}`], { encoding: 'utf8' });
  return { name, sql: text };
}

describe(`migrated step by step (${ENGINE})`, () => {
  const dbs: TestDb[] = [];
  afterAll(() => Promise.all(dbs.map((d) => d.close())));
  const empty = async () => {
    const d = await createTestDb({ migrated: false });
    dbs.push(d);
    return d;
  };

  it('one migration at a time from the first gives the schema of a fresh database', async () => {
    const all = loadMigrations();
    const fresh = await empty();
    expect(await migrate(fresh.db)).toEqual(all.map((m) => m.name));
    const stepped = await empty();
    for (let i = 1; i <= all.length; i++) expect(await migrate(stepped.db, all.slice(0, i))).toEqual([all[i - 1]!.name]);
    expect(await schemaFingerprint(stepped.db)).toEqual(await schemaFingerprint(fresh.db));
  });

  it('a database migrated with the first versions of 0002 and 0006 ends with the same schema once 0007 runs', async () => {
    const all = loadMigrations();
    // e89e1cc and dd43650 added 0002 and 0006; they were edited (phone index; re-parking by primary key) before landing as they are.
    const editedEra = all
      .filter((m) => m.name < '0007')
      .map((m) =>
        m.name.startsWith('0002_') ? atCommit('e89e1cc', m.name) : m.name.startsWith('0006_') ? atCommit('dd43650', m.name) : m,
      );
    const old = await empty();
    await migrate(old.db, editedEra);
    // Those databases never recorded checksums.
    await sql`UPDATE schema_migrations SET checksum = NULL`.execute(old.db);
    await migrate(old.db);
    const fresh = await empty();
    await migrate(fresh.db);
    expect(await schemaFingerprint(old.db)).toEqual(await schemaFingerprint(fresh.db));
  });
});
