import { Kysely, PostgresDialect, type Transaction, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { dbUnavailable } from '../lib/errors';
import type { Database } from './schema/database';
import { registerTenantPath, SessionContexts, type SessionPool } from './tenant';

export type Db = Kysely<Database>;
/** A transaction, for services that pass one between repositories without touching the query builder. */
export type Tx = Transaction<Database>;

export interface DbHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// int8 and numeric come back as strings from node-postgres; every int8 we store
// (ids, counts) fits in a double, and numeric is only used for money amounts.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Put at the start of a hot, fixed-text query: on a server it runs as a prepared statement. */
export const PREPARED = '/*prepared*/ ';

/**
 * The dialer's hot statements are large (CTEs, triggers, a dozen arrays): planning
 * them again on every call costs more than running them. A query whose text starts
 * with PREPARED is sent as a named prepared statement (named by a hash of its text),
 * which PostgreSQL plans once per connection. Only marked, fixed-text queries, so the
 * number of statements a connection keeps stays small.
 */
function withPreparedStatements(pool: SessionPool<pg.PoolClient>): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `dd_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      // The server may end a connection while a request holds it (restart, failover,
      // pg_terminate_backend): pg then emits 'error' on the client, which would end the
      // process without a listener. The failed query rejects by itself; the client is
      // handed back with its error so the pool drops it and connects afresh.
      let broken: Error | undefined;
      const onError = (e: Error) => (broken ??= e);
      client.on('error', onError);
      const query = async (text: string, values: ReadonlyArray<unknown>) => {
        try {
          return await (text.startsWith(PREPARED)
            ? client.query({ name: nameOf(text), text, values: values as unknown[] })
            : client.query(text, values as unknown[]));
        } catch (e) {
          if (dbUnavailable(e)) broken ??= e as Error;
          throw e;
        }
      };
      return {
        query,
        release: () => {
          client.removeListener('error', onError);
          client.release(broken);
        },
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** How long a request waits for a connection before it is answered 503 (the database is down or every connection is busy). */
const CONNECT_TIMEOUT_MS = 5_000;

export function openPostgres(url: string, opts: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A server that vanished without closing the socket (failover, a dropped network) is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  const contexts = new SessionContexts<pg.PoolClient>(pool, {
    session: (client) => client,
    run: (client, text) => client.query(text),
    discard: (client) => client.release(true),
  });
  const over = (view: SessionPool<pg.PoolClient>) =>
    new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(view) }) });
  const db = over(contexts.system());
  registerTenantPath(db, (companyId) => over(contexts.tenant(companyId)));
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

const singleSession = new WeakSet<Db>();

/**
 * True for PGlite: every statement runs in its one session, in this process alone (its
 * data directory is locked to it). A session-level lock then needs no connection held for
 * it, and holding that one connection would stall every other request.
 */
export function isSingleSession(db: Db): boolean {
  return singleSession.has(db);
}

/** `dataDir` undefined → in memory (tests). */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const pglite = new PGlite(dataDir, { parsers: PARSERS });
  await pglite.waitReady;
  const pool = new PGlitePool(pglite);
  // One connection, so one session whose context is tracked.
  const contexts = new SessionContexts<PostgresPoolClient>(pool, {
    session: () => pool,
    run: (client, text) => client.query(text, []),
    discard: (client) => client.release(),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: contexts.system() }) });
  registerTenantPath(db, (companyId) => new Kysely<Database>({ dialect: new PostgresDialect({ pool: contexts.tenant(companyId) }) }));
  singleSession.add(db);
  return { db, engine: 'pglite', close: () => db.destroy() };
}
