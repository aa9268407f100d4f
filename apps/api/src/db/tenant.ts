import type { Kysely } from 'kysely';
import type { Database } from './schema/database';

/**
 * The tenant path (migration 0010): a company's queries run as the role dialdeck_tenant
 * with dialdeck.company_id naming the company, so row-level security keeps them inside
 * that company even where a repository forgot its company_id filter.
 *
 * The database handle that client.ts opens is the system path: the owner of the tables,
 * not subject to the policies, for work that spans companies by nature (dispatch over
 * the shared pool, the stale-lease sweep, authentication, the companies themselves).
 * `tenantDb(db, companyId)` is the same pool seen as one company.
 *
 * The context lives on the connection, not in a transaction: each checkout brings the
 * connection into the context its borrower asked for, with one statement and only when
 * the connection was last used in another one. A busy path that stays in one context
 * (the dialer on the system path; an admin's requests for one company) pays nothing.
 * It is set outside any transaction, so no rollback can undo it.
 */

/** The role and setting named by migration 0010. */
export const TENANT_ROLE = 'dialdeck_tenant';
export const COMPANY_SETTING = 'dialdeck.company_id';

/** null: the system path. */
type Context = number | null;

/** What a pool hands out: enough to run one statement and to give the connection back. */
export interface SessionOps<C> {
  /** The physical connection behind a checkout (the context is a property of it). */
  session(client: C): object;
  run(client: C, text: string): Promise<unknown>;
  /** Gives back a connection whose context is unknown; the pool should not reuse it. */
  discard(client: C): void;
}

export interface SessionPool<C> {
  connect(): Promise<C>;
  end(): Promise<void>;
}

function enterStatement(target: Context, from: Context | 'unknown'): string | undefined {
  if (target === from) return undefined;
  if (target === null) return `SELECT set_config('role', 'none', false), set_config('${COMPANY_SETTING}', '', false)`;
  const company = `set_config('${COMPANY_SETTING}', '${target}', false)`;
  // Already the tenant role: only the company changes.
  return from === null || from === 'unknown' ? `SELECT set_config('role', '${TENANT_ROLE}', false), ${company}` : `SELECT ${company}`;
}

/**
 * Views of one pool, one per context. A connection the pool opened afresh is on the
 * system path (the session's own role, no company); after that its context is tracked here.
 */
export class SessionContexts<C> {
  readonly #contexts = new WeakMap<object, Context | 'unknown'>();
  readonly #views = new Map<Context, SessionPool<C>>();

  constructor(
    private readonly pool: SessionPool<C>,
    private readonly ops: SessionOps<C>,
  ) {}

  /** The pool as the system path; ending it ends the pool. */
  system(): SessionPool<C> {
    return this.view(null, () => this.pool.end());
  }

  /** The pool as one company; ending it leaves the pool open (the system view owns it). */
  tenant(companyId: number): SessionPool<C> {
    if (!Number.isSafeInteger(companyId) || companyId <= 0) throw new Error(`not a company id: ${companyId}`);
    return this.view(companyId, async () => undefined);
  }

  private view(context: Context, end: () => Promise<void>): SessionPool<C> {
    let v = this.#views.get(context);
    if (!v) {
      v = { connect: () => this.checkout(context), end };
      this.#views.set(context, v);
    }
    return v;
  }

  private async checkout(context: Context): Promise<C> {
    const client = await this.pool.connect();
    const session = this.ops.session(client);
    const statement = enterStatement(context, this.#contexts.get(session) ?? null);
    if (statement) {
      try {
        await this.ops.run(client, statement);
      } catch (e) {
        this.#contexts.set(session, 'unknown');
        this.ops.discard(client);
        throw e;
      }
      this.#contexts.set(session, context);
    }
    return client;
  }
}

type Db = Kysely<Database>;

const tenantPaths = new WeakMap<Db, (companyId: number) => Db>();
const tenantDbs = new WeakMap<Db, Map<number, Db>>();
// Plenty for the companies one process serves at once; an evicted one is rebuilt on use.
const MAX_CACHED_COMPANIES = 1000;

/** client.ts: how to build a Kysely over the pool as one company, for this system handle. */
export function registerTenantPath(db: Db, make: (companyId: number) => Db): void {
  tenantPaths.set(db, make);
  tenantDbs.set(db, new Map());
}

/**
 * The database as company `companyId`: every statement on it (and every transaction it
 * opens) runs under row-level security for that company. `db` is the system handle.
 */
export function tenantDb(db: Db, companyId: number): Db {
  const cache = tenantDbs.get(db);
  const make = tenantPaths.get(db);
  if (!cache || !make) throw new Error('tenantDb: this handle was not opened by db/client.ts');
  let t = cache.get(companyId);
  if (!t) {
    t = make(companyId);
    if (cache.size >= MAX_CACHED_COMPANIES) cache.delete(cache.keys().next().value!);
    cache.set(companyId, t);
  }
  return t;
}
