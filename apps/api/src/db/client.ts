import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './schema/database';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// int8 and numeric come back as strings from node-postgres; every int8 we store
// (ids, counts) fits in a double, and numeric is only used for money amounts.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function openPostgres(url: string, opts: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/**
 * PGlite has exactly one connection. Kysely wants a pool; this one hands the single
 * connection to one borrower at a time, so a transaction never interleaves with
 * another request's statements.
 */
class PGlitePool implements PostgresPool {
  #queue: Array<() => void> = [];
  #busy = false;
  constructor(private readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#busy) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#busy = true;
    const pglite = this.pglite;
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        // Without parameters use the simple protocol, as node-postgres does: it runs
        // multi-statement scripts (migrations); the last statement's result is the answer.
        const res =
          parameters.length === 0
            ? ((await pglite.exec(sql, { parsers: PARSERS })).at(-1) ?? { rows: [], affectedRows: 0, fields: [] })
            : await pglite.query<R>(sql, parameters as unknown[]);
        const command = (res as { command?: string }).command ?? 'SELECT';
        return {
          command: command as PostgresQueryResult<R>['command'],
          rowCount: (res as { rowCount?: number }).rowCount ?? res.affectedRows ?? res.rows.length,
          rows: res.rows as R[],
        };
      },
      release: () => {
        if (released) return;
        released = true;
        const next = this.#queue.shift();
        if (next) next();
        else this.#busy = false;
      },
    };
    // Kysely never uses the cursor overload of query() unless a cursor class is configured.
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.pglite.close();
  }
}

const NUMERIC_OID = 1700;
// Same as node-postgres above: numeric as a JS number.
const PARSERS = { [NUMERIC_OID]: (v: string) => Number(v) };

/** `dataDir` undefined → in memory (tests). */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const pglite = new PGlite(dataDir, { parsers: PARSERS });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, engine: 'pglite', close: () => db.destroy() };
}
