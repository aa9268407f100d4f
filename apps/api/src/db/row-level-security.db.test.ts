import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser } from '../../test/factories';
import type { CompanyRow } from './schema/database';
import { tenantDb } from './tenant';

describe(`row-level security (${ENGINE})`, () => {
  let t: TestDb;
  let a: CompanyRow;
  let b: CompanyRow;
  let numberIds: number[];

  beforeAll(async () => {
    t = await createTestDb();
    a = await makeCompany(t.db);
    b = await makeCompany(t.db);
    await makeUser(t.db, { company: a });
    await makeUser(t.db, { company: b });
    await makeUser(t.db, { company: b });
    numberIds = await makeNumbers(t.db, freshPhones(4));
    // Results and states of both companies, written on the system path.
    for (const [company, ids] of [
      [a, numberIds.slice(0, 1)],
      [b, numberIds.slice(1, 4)],
    ] as const) {
      for (const id of ids) {
        const r = await t.db
          .insertInto('call_results')
          .values({ company_id: company.id, number_id: id, status: 'ANSWERED', attempted_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await t.db
          .insertInto('number_states')
          .values({
            company_id: company.id,
            number_id: id,
            status: 'ANSWERED',
            total_attempts: 1,
            status_changed_at: new Date(),
            last_result_id: r.id,
          })
          .execute();
      }
      const campaign = await t.db
        .insertInto('campaigns')
        .values({ company_id: company.id, name: 'c' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('campaign_members')
        .values(ids.map((id) => ({ campaign_id: campaign.id, number_id: id })))
        .execute();
      await t.db
        .insertInto('dialer_tokens')
        .values({ company_id: company.id, name: 't', token_hash: `h-${company.id}` })
        .execute();
      await t.db
        .insertInto('outbound_lines')
        .values({ company_id: company.id, phone_number: `+9821${company.id}`.padEnd(13, '0'), display_name: 'l' })
        .execute();
      await t.db.insertInto('scenarios').values({ company_id: company.id, name: 's', display_name: 's', config: '{}' }).execute();
    }
  });
  afterAll(() => t.close());

  it('every table with a company_id column has row-level security and a tenant policy (not forced: the owner is the system path)', async () => {
    const r = await sql<{ table: string; rls: boolean; forced: boolean; policies: number }>`
      SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policy p
              WHERE p.polrelid = c.oid AND p.polroles @> ARRAY[(SELECT oid FROM pg_roles WHERE rolname = 'dialdeck_tenant')]) AS policies
      FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
        AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped)
             OR c.relname IN ('companies', 'campaign_members'))
      ORDER BY c.relname`.execute(t.db);
    expect(r.rows.length).toBeGreaterThanOrEqual(15);
    expect(r.rows.map((x) => x.table)).toEqual(
      expect.arrayContaining(['users', 'call_results', 'number_states', 'dialer_deferred', 'outbound_lines', 'scenarios']),
    );
    for (const row of r.rows) expect({ ...row, policies: row.policies > 0 }).toEqual({ ...row, rls: true, forced: false, policies: true });
  });

  it('an unscoped query on the tenant path sees only that company', async () => {
    const ta = tenantDb(t.db, a.id);
    const countsOf = async (table: string) => {
      const r = await sql<{ company_id: number }>`SELECT company_id FROM ${sql.table(table)}`.execute(ta);
      return r.rows.map((x) => x.company_id);
    };
    for (const table of [
      'call_results',
      'number_states',
      'number_state_counts',
      'users',
      'campaigns',
      'dialer_tokens',
      'outbound_lines',
      'scenarios',
    ]) {
      const ids = await countsOf(table);
      expect(ids.length, table).toBeGreaterThan(0);
      expect(new Set(ids), table).toEqual(new Set([a.id]));
    }
    expect((await ta.selectFrom('campaign_members').select('number_id').execute()).map((m) => m.number_id)).toEqual([numberIds[0]]);
    expect((await ta.selectFrom('companies').select('id').execute()).map((c) => c.id)).toEqual([a.id]);
    // The shared pool is every company's.
    expect((await ta.selectFrom('numbers').select('id').execute()).length).toBe(4);
    // The system path still sees everything.
    expect((await t.db.selectFrom('users').select('id').where('company_id', 'in', [a.id, b.id]).execute()).length).toBe(3);
  });

  it("writes on the tenant path cannot reach another company's rows", async () => {
    const ta = tenantDb(t.db, a.id);
    await expect(
      ta.insertInto('users').values({ company_id: b.id, username: 'intruder', password_hash: 'x', role: 'ADMIN' }).execute(),
    ).rejects.toThrow(/row-level security/);
    await expect(
      ta
        .insertInto('call_results')
        .values({ company_id: b.id, number_id: numberIds[0]!, status: 'ANSWERED', attempted_at: new Date() })
        .execute(),
    ).rejects.toThrow(/row-level security/);
    // Moving one of A's rows to B is refused as well.
    await expect(ta.updateTable('dialer_tokens').set({ company_id: b.id }).execute()).rejects.toThrow(/row-level security/);
    const upd = await ta.updateTable('users').set({ first_name: 'changed' }).where('company_id', '=', b.id).executeTakeFirst();
    expect(Number(upd.numUpdatedRows)).toBe(0);
    const del = await ta.deleteFrom('call_results').where('company_id', '=', b.id).executeTakeFirst();
    expect(Number(del.numDeletedRows)).toBe(0);
    expect((await t.db.selectFrom('call_results').select('id').where('company_id', '=', b.id).execute()).length).toBe(3);
    expect((await t.db.selectFrom('users').select('id').where('first_name', '=', 'changed').execute()).length).toBe(0);
  });

  it('the installation tables and deleting from the shared pool are out of reach of the tenant path', async () => {
    const ta = tenantDb(t.db, a.id);
    await expect(sql`SELECT * FROM instance_settings`.execute(ta)).rejects.toThrow(/permission denied/);
    await expect(sql`SELECT * FROM login_failures`.execute(ta)).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM numbers`.execute(ta)).rejects.toThrow(/permission denied/);
    await expect(sql`INSERT INTO number_state_counts VALUES (${a.id}, 'ANSWERED', 0, 5)`.execute(ta)).rejects.toThrow(/permission denied/);
  });

  it("a tenant's write keeps the counters exact (the counter triggers run as their owner)", async () => {
    const ta = tenantDb(t.db, a.id);
    const counted = async () => {
      const r = await sql<{ n: number }>`
        SELECT coalesce(sum(n), 0)::int AS n FROM number_state_counts WHERE company_id = ${a.id} AND status = 'BUSY'`.execute(t.db);
      return r.rows[0]!.n;
    };
    const before = await counted();
    await ta.updateTable('number_states').set({ status: 'BUSY' }).where('number_id', '=', numberIds[0]!).execute();
    expect(await counted()).toBe(before + 1);
    await ta.updateTable('number_states').set({ status: 'ANSWERED' }).where('number_id', '=', numberIds[0]!).execute();
    expect(await counted()).toBe(before);
  });

  it('keeps each checkout in its own context when paths and companies alternate, in and out of transactions', async () => {
    const ta = tenantDb(t.db, a.id);
    const tb = tenantDb(t.db, b.id);
    const users = async (db: typeof t.db) => (await db.selectFrom('users').select('company_id').execute()).map((u) => u.company_id);
    for (let i = 0; i < 3; i++) {
      expect(new Set(await users(ta))).toEqual(new Set([a.id]));
      expect(new Set(await users(tb))).toEqual(new Set([b.id]));
      expect(new Set(await users(t.db))).toEqual(new Set([a.id, b.id]));
    }
    // A rolled-back transaction cannot undo the context: it was set before BEGIN.
    await expect(
      ta.transaction().execute(async (tx) => {
        await sql`SELECT 1`.execute(tx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(new Set(await users(ta))).toEqual(new Set([a.id]));
    // A failed statement leaves the context as it was.
    await expect(sql`SELECT 1/0`.execute(tb)).rejects.toThrow();
    expect(new Set(await users(tb))).toEqual(new Set([b.id]));
    // Concurrent checkouts (several connections on a server, one queue on PGlite).
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => users(i % 3 === 0 ? t.db : i % 3 === 1 ? ta : tb)));
    all.forEach((ids, i) => expect(new Set(ids)).toEqual(new Set(i % 3 === 0 ? [a.id, b.id] : i % 3 === 1 ? [a.id] : [b.id])));
    // The system path is the session's own role, with no company set.
    const who = await sql<{ u: string; c: string | null }>`
      SELECT current_user AS u, current_setting('dialdeck.company_id', true) AS c`.execute(t.db);
    expect(who.rows[0]!.u).not.toBe('dialdeck_tenant');
    expect(who.rows[0]!.c ?? '').toBe('');
  });

  it('a tenant session with no company sees nothing', async () => {
    const r = await t.db.connection().execute(async (conn) => {
      await sql`SET ROLE dialdeck_tenant`.execute(conn);
      try {
        await sql`RESET dialdeck.company_id`.execute(conn);
        return await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(conn);
      } finally {
        await sql`RESET ROLE`.execute(conn);
      }
    });
    expect(r.rows[0]!.n).toBe(0);
  });
});
