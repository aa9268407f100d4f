import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DbHandle } from '../src/db/client';
import { migrate } from '../src/db/migrate';

export const ENGINE: 'pglite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export function withDatabase(url: string, name: string): string {
  return url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

export interface TestDb extends DbHandle {
  /** Connection URL of this database (postgres engine only). */
  url?: string;
}

/**
 * A fresh, migrated database of the engine under test; close() drops it.
 * `{ migrated: false }`: an empty one (migration tests).
 */
export async function createTestDb(opts: { migrated?: boolean } = {}): Promise<TestDb> {
  const migrated = opts.migrated ?? true;
  if (ENGINE === 'pglite') {
    const handle = await openPglite();
    if (migrated) await migrate(handle.db);
    return handle;
  }
  const serverUrl = inject('pgUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Two files cloning the template at the same instant can collide; a retry settles it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${migrated ? 'dialdeck_template' : 'template0'}`);
      break;
    } catch (e) {
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const handle = openPostgres(url, { max: 10 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
