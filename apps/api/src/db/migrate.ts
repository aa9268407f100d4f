import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './client';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process of this app.
const MIGRATION_LOCK_KEY = 727_001;

export interface Migration {
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }));
}

/** sha-256 of a migration's text; line endings do not count (a checkout may turn LF into CRLF). */
export function migrationChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/** The database was migrated by other files than the ones this build ships: starting would run on a schema nobody tested. */
export class MigrationMismatchError extends Error {
  constructor(
    readonly changed: string[],
    readonly unknown: string[],
  ) {
    const parts: string[] = [];
    if (changed.length) {
      parts.push(
        `applied migration${changed.length > 1 ? 's' : ''} ${changed.join(', ')} differ${changed.length > 1 ? '' : 's'} from the shipped file` +
          ` (a shipped migration is never edited: its change belongs in a new migration)`,
      );
    }
    if (unknown.length) {
      parts.push(
        `the database has migration${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} that this build does not ship (is it older than the database?)`,
      );
    }
    super(`Refusing to start on this database: ${parts.join('; ')}.`);
    this.name = 'MigrationMismatchError';
  }
}

/**
 * Applies pending migrations, each in its own transaction, after checking that every
 * migration the database already has is byte for byte (line endings aside) the file
 * shipped under that name. Several processes may start at once against one server:
 * the advisory lock makes the others wait and then find nothing left to do.
 *
 * Databases migrated before checksums were recorded have none: the first start of
 * this version records the shipped file's checksum for them (nothing older can be
 * checked; the two migrations that were edited after shipping are reconciled by 0007).
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(conn);
      await sql`ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`.execute(conn);
      const done = await sql<{ name: string; checksum: string | null }>`SELECT name, checksum FROM schema_migrations`.execute(conn);
      const shipped = new Map(migrations.map((m) => [m.name, migrationChecksum(m.sql)]));
      const changed: string[] = [];
      const unknown: string[] = [];
      const legacy: string[] = [];
      for (const row of done.rows) {
        const sum = shipped.get(row.name);
        if (sum === undefined) unknown.push(row.name);
        else if (row.checksum === null) legacy.push(row.name);
        else if (row.checksum !== sum) changed.push(row.name);
      }
      if (changed.length || unknown.length) throw new MigrationMismatchError(changed.sort(), unknown.sort());
      for (const name of legacy) {
        await sql`UPDATE schema_migrations SET checksum = ${shipped.get(name)!} WHERE name = ${name}`.execute(conn);
      }
      const applied = new Set(done.rows.map((r) => r.name));
      const ran: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.name)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await sql`INSERT INTO schema_migrations (name, checksum) VALUES (${m.name}, ${shipped.get(m.name)!})`.execute(tx);
        });
        ran.push(m.name);
      }
      return ran;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
