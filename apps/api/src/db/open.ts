import type { Config } from '../config';
import { lockDataDir } from '../lib/data-dir-lock';
import { openPglite, openPostgres, type DbHandle } from './client';
import { migrate } from './migrate';

/**
 * Opens the configured database and brings its schema up to date: a PostgreSQL
 * server when DATABASE_URL is set, else PGlite in DATA_DIR under an exclusive lock.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>): Promise<DbHandle> {
  if (config.databaseUrl) {
    const handle = openPostgres(config.databaseUrl, { max: config.dbPoolSize });
    try {
      await migrate(handle.db);
    } catch (e) {
      await handle.close();
      throw e;
    }
    return handle;
  }
  const lock = lockDataDir(config.dataDir);
  try {
    const handle = await openPglite(`${config.dataDir}/pgdata`);
    await migrate(handle.db);
    return {
      ...handle,
      close: async () => {
        try {
          await handle.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
