import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb, ENGINE, withDatabase, type TestDb } from '../../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser } from '../../../test/factories';
import { openPglite, openPostgres, type DbHandle } from '../../db/client';
import { loadMigrations, migrate } from '../../db/migrate';
import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { fixedClock } from '../../lib/time';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { CampaignsService } from '../campaigns/campaigns.service';
import { toPublicUser } from '../users/user-view';
import { CallResultsRepository } from './call-results.repository';
import { NumbersRepository } from './numbers.repository';
import { NumbersService } from './numbers.service';

describe(`owned deletes in the shared pool (${ENGINE})`, () => {
  let t: TestDb;
  let repo: NumbersRepository;
  let results: CallResultsRepository;
  let campaigns: CampaignsRepository;
  let service: NumbersService;
  let su: Principal;
  const clock = fixedClock('2026-04-01T08:00:00Z');
  const now = clock.now();

  const principal = async (company: CompanyRow, isSuperuser = false): Promise<Principal> => ({
    kind: 'user',
    user: toPublicUser(await makeUser(t.db, { company, role: 'ADMIN', isSuperuser })),
    company,
  });

  beforeAll(async () => {
    t = await createTestDb();
    repo = new NumbersRepository(t.db);
    results = new CallResultsRepository(t.db);
    campaigns = new CampaignsRepository(t.db);
    service = new NumbersService(repo, new CampaignsService(campaigns), clock);
    su = await principal(await makeCompany(t.db), true);
  });
  afterAll(() => t.close());

  const idsOf = async (phones: string[]) => {
    const r = await t.db.selectFrom('numbers').select(['id', 'phone_number']).where('phone_number', 'in', phones).execute();
    const byPhone = new Map(r.map((x) => [x.phone_number, x.id]));
    return phones.map((p) => byPhone.get(p)!);
  };

  /**
   * Two companies and one number of each kind. A: added (not called), called (not added),
   * called with a final status, in A's campaign, locked by A's batch. Shared: added by both,
   * called by both, in B's campaign. B only: added by B (one called, one in B's campaign),
   * and one with a final status for B. Orphan: in the pool, nobody relates to it.
   */
  async function world() {
    const a = await makeCompany(t.db);
    const b = await makeCompany(t.db);
    const adminA = await principal(a);
    const adminB = await principal(b);
    const campaignA = await campaigns.create(a.id, 'A');
    const campaignB = await campaigns.create(b.id, 'B');
    const add = async (co: CompanyRow, phones: string[]) => {
      await service.add(co, { numbers: phones });
      return idsOf(phones);
    };
    const [aAdded] = await add(a, freshPhones(1));
    const [aCalled, aFinal, aCampaign, aLocked, orphan] = await makeNumbers(t.db, freshPhones(5));
    await results.record(
      a.id,
      [
        { numberId: aCalled!, status: 'MISSED', attemptedAt: now },
        { numberId: aFinal!, status: 'CONNECTED', attemptedAt: now },
      ],
      now,
    );
    await campaigns.addMembers(t.db, a.id, campaignA.id, [aCampaign!]);
    await sql`UPDATE numbers SET assigned_at = ${now}, assigned_company_id = ${a.id} WHERE id = ${aLocked}`.execute(t.db);
    const sharedPhone = freshPhones(1);
    const [shared] = await add(a, sharedPhone);
    await add(b, sharedPhone);
    await results.record(a.id, [{ numberId: shared!, status: 'CONNECTED', attemptedAt: now }], now);
    await results.record(b.id, [{ numberId: shared!, status: 'MISSED', attemptedAt: now }], now);
    await campaigns.addMembers(t.db, b.id, campaignB.id, [shared!]);
    const bOnly = await add(b, freshPhones(3));
    await results.record(b.id, [{ numberId: bOnly[1]!, status: 'BUSY', attemptedAt: now }], now);
    await campaigns.addMembers(t.db, b.id, campaignB.id, [bOnly[2]!]);
    const [bFinal] = await add(b, freshPhones(1));
    await results.record(b.id, [{ numberId: bFinal!, status: 'NOT_INTERESTED', attemptedAt: now }], now);
    const ofA = [aAdded!, aCalled!, aFinal!, aCampaign!, aLocked!];
    return { a, b, adminA, adminB, campaignA, campaignB, ofA, shared: shared!, bOnly, bFinal: bFinal!, orphan: orphan! };
  }

  /** Everything a company has for these numbers: states, results, memberships, additions, locks. */
  async function dataOf(companyId: number, ids: number[]) {
    // The company's rows for these numbers, in the tables keyed by (company_id, number_id).
    const own = sql<boolean>`company_id = ${companyId} AND number_id IN (${sql.join(ids)})`;
    const [states, res, members, additions, locks] = await Promise.all([
      t.db.selectFrom('number_states').selectAll().where(own).orderBy('number_id').execute(),
      t.db.selectFrom('call_results').select(['id', 'number_id', 'status']).where(own).orderBy('id').execute(),
      t.db
        .selectFrom('campaign_members as m')
        .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
        .select(['m.campaign_id', 'm.number_id'])
        .where('c.company_id', '=', companyId)
        .where('m.number_id', 'in', ids)
        .orderBy('m.number_id')
        .execute(),
      t.db.selectFrom('number_additions').select('number_id').where(own).orderBy('number_id').execute(),
      t.db.selectFrom('numbers').select('id').where('assigned_company_id', '=', companyId).where('id', 'in', ids).orderBy('id').execute(),
    ]);
    return { states, results: res, members, additions, locks };
  }

  async function pooled(ids: number[]): Promise<number[]> {
    const r = await t.db.selectFrom('numbers').select('id').where('id', 'in', ids).orderBy('id').execute();
    return r.map((x) => x.id);
  }

  /** The trigger-kept counters of each company and of the pool equal the real counts. */
  async function expectCountersExact(...companies: CompanyRow[]) {
    for (const co of companies) {
      const real = await sql<{ status: string; n: number }>`
        SELECT status, count(*)::int AS n FROM number_states WHERE company_id = ${co.id} GROUP BY status`.execute(t.db);
      const counted = await repo.statusCounts(co.id);
      counted.delete('IN_QUEUE');
      expect(Object.fromEntries([...counted].filter(([, n]) => n > 0))).toEqual(Object.fromEntries(real.rows.map((x) => [x.status, x.n])));
    }
    const size = await sql<{ n: number }>`SELECT count(*)::int AS n FROM numbers`.execute(t.db);
    expect(await repo.poolSize()).toBe(size.rows[0]!.n);
  }

  /** After B's delete: A's data is as it was, A's numbers and the shared one are pooled, B's data for the shared one is gone. */
  async function expectAUntouched(w: Awaited<ReturnType<typeof world>>, aBefore: Awaited<ReturnType<typeof dataOf>>) {
    expect(await dataOf(w.a.id, [...w.ofA, w.shared])).toEqual(aBefore);
    expect(await pooled([...w.ofA, w.shared])).toEqual([...w.ofA, w.shared].sort((x, y) => x - y));
    expect(await dataOf(w.b.id, [w.shared])).toEqual({ states: [], results: [], members: [], additions: [], locks: [] });
    expect((await repo.findView(w.a.id, w.shared))?.status).toBe('CONNECTED');
  }

  it('the world is what it says: A holds its numbers in every way, B its own', async () => {
    const w = await world();
    const a = await dataOf(w.a.id, [...w.ofA, w.shared]);
    expect(a.additions.map((x) => x.number_id)).toEqual([w.ofA[0], w.shared].sort((x, y) => x! - y!));
    expect(a.states.map((x) => x.number_id)).toEqual([w.ofA[1]!, w.ofA[2]!, w.shared].sort((x, y) => x - y));
    expect(a.members.map((x) => x.number_id)).toEqual([w.ofA[3]]);
    expect(a.locks.map((x) => x.id)).toEqual([w.ofA[4]]);
    const b = await dataOf(w.b.id, [w.shared, ...w.bOnly, w.bFinal]);
    expect(b.additions).toHaveLength(5);
    expect(b.members.map((x) => x.number_id)).toEqual([w.shared, w.bOnly[2]].sort((x, y) => x! - y!));
  });

  it("B's single delete: every kind of A's number stays with A's data; the shared one loses only B's data; B's own leave the pool", async () => {
    const w = await world();
    const aBefore = await dataOf(w.a.id, [...w.ofA, w.shared]);
    for (const id of [...w.ofA, w.shared, ...w.bOnly, w.orphan]) await service.delete(w.adminB, w.b, id);
    await expect(service.delete(w.adminB, w.b, w.bFinal)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expectAUntouched(w, aBefore);
    expect(await pooled([...w.bOnly, w.orphan])).toEqual([]);
    expect(await pooled([w.bFinal])).toEqual([w.bFinal]);
    expect((await dataOf(w.b.id, [w.bFinal])).states).toHaveLength(1);
    await expectCountersExact(w.a, w.b);
  });

  it("B's bulk delete by ids: the same outcome; affected counts the numbers that lost B's data or left the pool", async () => {
    const w = await world();
    const aBefore = await dataOf(w.a.id, [...w.ofA, w.shared]);
    const ids = [...w.ofA, w.shared, ...w.bOnly, w.bFinal, w.orphan];
    // shared (B's data), three B-only and the orphan; A's numbers had nothing of B's and bFinal is final for B.
    expect(await service.bulk(w.adminB, w.b, { action: 'delete', ids } as never)).toBe(5);
    await expectAUntouched(w, aBefore);
    expect(await pooled([...w.bOnly, w.orphan, w.bFinal])).toEqual([w.bFinal]);
    await expectCountersExact(w.a, w.b);
    // Nothing of B's is left to delete.
    expect(await service.bulk(w.adminB, w.b, { action: 'delete', ids } as never)).toBe(0);
  });

  it("the probe: B's select_all delete leaves every number A holds, and removes what only B held", async () => {
    const w = await world();
    const aBefore = await dataOf(w.a.id, [...w.ofA, w.shared]);
    const affected = await service.bulk(w.adminB, w.b, { action: 'delete', select_all: true } as never);
    expect(affected).toBeGreaterThanOrEqual(5);
    await expectAUntouched(w, aBefore);
    expect(await pooled([...w.bOnly, w.orphan, w.bFinal])).toEqual([w.bFinal]);
    await expectCountersExact(w.a, w.b);
  });

  it('select_all with excluded_ids keeps the excluded; with a status filter only that status of B is deleted', async () => {
    const w = await world();
    const aBefore = await dataOf(w.a.id, [...w.ofA, w.shared]);
    // MISSED for B: the shared number only (B's data goes, A keeps it). BUSY: bOnly[1] (leaves the pool).
    expect(await service.bulk(w.adminB, w.b, { action: 'delete', select_all: true, status: 'MISSED' } as never)).toBe(1);
    expect(await pooled([w.shared, ...w.bOnly])).toEqual([w.shared, ...w.bOnly].sort((x, y) => x - y));
    expect(await service.bulk(w.adminB, w.b, { action: 'delete', select_all: true, status: 'BUSY' } as never)).toBe(1);
    expect(await pooled(w.bOnly)).toEqual([w.bOnly[0], w.bOnly[2]]);
    await expectAUntouched(w, aBefore);
    // B's campaign holds bOnly[2]; select_all over it, excluding it, deletes nothing; without the exclusion, it goes.
    const inCampaign = { action: 'delete', select_all: true, campaign_id: w.campaignB.id } as const;
    expect(await service.bulk(w.adminB, w.b, { ...inCampaign, excluded_ids: [w.bOnly[2]!] } as never)).toBe(0);
    expect(await pooled([w.bOnly[2]!])).toEqual([w.bOnly[2]]);
    await service.bulk(w.adminB, w.b, { action: 'delete', select_all: true, excluded_ids: [w.bOnly[0]!] } as never);
    expect(await pooled(w.bOnly)).toEqual([w.bOnly[0]]);
    expect((await dataOf(w.b.id, [w.bOnly[0]!])).additions).toHaveLength(1);
    await expectAUntouched(w, aBefore);
    await expectCountersExact(w.a, w.b);
  });

  it("A's own delete removes A's data; a number then held by nobody leaves the pool, one B still holds stays", async () => {
    const w = await world();
    const bBefore = await dataOf(w.b.id, [w.shared]);
    // aFinal is final for A: A cannot delete it. The rest A holds alone (aLocked: A's own lock).
    expect(await service.bulk(w.adminA, w.a, { action: 'delete', ids: [...w.ofA, w.shared] } as never)).toBe(4);
    expect(await pooled([...w.ofA, w.shared])).toEqual([w.ofA[2]!, w.shared].sort((x, y) => x - y));
    // shared is CONNECTED for A (final): untouched by A's admin; B's data too.
    expect(await dataOf(w.b.id, [w.shared])).toEqual(bBefore);
    await expectCountersExact(w.a, w.b);
  });

  it('a number A called and then reset is no longer held by A', async () => {
    const w = await world();
    await service.reset(w.adminA, w.a, w.ofA[1]!);
    await service.delete(w.adminB, w.b, w.ofA[1]!);
    expect(await pooled([w.ofA[1]!])).toEqual([]);
    await expectCountersExact(w.a, w.b);
  });

  it("a superuser's delete removes the number outright, every company's data with it, final statuses included", async () => {
    const w = await world();
    await service.delete({ ...su, company: w.b }, w.b, w.ofA[0]!);
    expect(await pooled([w.ofA[0]!])).toEqual([]);
    const ids = [w.ofA[1]!, w.ofA[2]!, w.shared, w.bFinal];
    expect(await service.bulk({ ...su, company: w.b }, w.b, { action: 'delete', ids } as never)).toBe(4);
    expect(await pooled(ids)).toEqual([]);
    expect(await dataOf(w.a.id, ids)).toEqual({ states: [], results: [], members: [], additions: [], locks: [] });
    expect(await dataOf(w.b.id, ids)).toEqual({ states: [], results: [], members: [], additions: [], locks: [] });
    await expectCountersExact(w.a, w.b);
  });

  it("A's addition committed while B's delete is under way keeps the number (on a server: B waits for it)", async () => {
    const a = await makeCompany(t.db);
    const b = await makeCompany(t.db);
    const adminB = await principal(b);
    const phone = freshPhones(1);
    await service.add(b, { numbers: phone });
    const [id] = await idsOf(phone);
    let deleting: Promise<number> | undefined;
    await t.db.transaction().execute(async (tx) => {
      await repo.recordAdditions(a.id, tx, phone, now);
      if (ENGINE === 'postgres') {
        // B's delete starts while A's addition is uncommitted, and must wait for it at the lock.
        deleting = service.bulk(adminB, b, { action: 'delete', ids: [id] } as never);
        for (;;) {
          const w = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.db);
          if (w.rows[0]!.n > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
    // B had its addition to delete (1), but the number is A's too now.
    expect(await (deleting ?? service.bulk(adminB, b, { action: 'delete', ids: [id] } as never))).toBe(1);
    expect(await pooled([id!])).toEqual([id]);
    expect(await t.db.selectFrom('number_additions').select('company_id').where('number_id', '=', id!).execute()).toEqual([
      { company_id: a.id },
    ]);
  });

  it('a number deleted while an import of it is under way is put back and recorded for the importer', async () => {
    const a = await makeCompany(t.db);
    const b = await makeCompany(t.db);
    const phone = freshPhones(1);
    await service.add(b, { numbers: phone });
    const [id] = await idsOf(phone);
    await repo.transaction(a.id, async (tx) => {
      expect(await repo.insertPhones(tx, phone)).toBe(0);
      // On a server another connection deletes the number and commits (the import holds no lock yet).
      if (ENGINE === 'postgres') await sql`DELETE FROM numbers WHERE id = ${id}`.execute(t.db);
      else {
        // PGlite's one connection: the import's transaction runs as the tenant, which may not
        // delete from the pool; the deleting "other session" steps out of that role meanwhile.
        await sql`SELECT set_config('role', 'none', true)`.execute(tx);
        await sql`DELETE FROM numbers WHERE id = ${id}`.execute(tx);
        await sql`SELECT set_config('role', 'dialdeck_tenant', true)`.execute(tx);
      }
      await repo.recordAdditions(a.id, tx, phone, now);
    });
    const [again] = await idsOf(phone);
    expect(again).toBeGreaterThan(id!);
    expect(
      await t.db.selectFrom('number_additions').select(['company_id', 'number_id']).where('number_id', 'in', [id!, again!]).execute(),
    ).toEqual([{ company_id: a.id, number_id: again }]);
    await expectCountersExact(a, b);
  });

  it('every add path records the adding company, for new numbers and ones already pooled', async () => {
    const a = await makeCompany(t.db);
    const b = await makeCompany(t.db);
    const [p1, p2, p3] = freshPhones(3);
    await service.add(a, { numbers: `${p1}\n${p2}` });
    expect(await service.add(b, { numbers: [p2!] })).toMatchObject({ added: 0, duplicates: 1 });
    await service.upload(b, 'csv', Readable.from([`phone\n${p3}\n${p1}\n`]), undefined, () => false);
    const [i1, i2, i3] = await idsOf([p1!, p2!, p3!]);
    const rows = await t.db
      .selectFrom('number_additions')
      .select(['company_id', 'number_id'])
      .where('number_id', 'in', [i1!, i2!, i3!])
      .orderBy('number_id')
      .orderBy('company_id')
      .execute();
    expect(rows).toEqual(
      [
        { company_id: a.id, number_id: i1 },
        { company_id: b.id, number_id: i1 },
        { company_id: a.id, number_id: i2 },
        { company_id: b.id, number_id: i2 },
        { company_id: b.id, number_id: i3 },
      ].sort((x, y) => x.number_id! - y.number_id! || x.company_id - y.company_id),
    );
  });
});

describe(`migration 0008 backfills who added each number (${ENGINE})`, () => {
  let h: DbHandle;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    if (ENGINE === 'pglite') {
      h = await openPglite();
    } else {
      const serverUrl = inject('pgUrl');
      const name = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
      await admin.end();
      h = openPostgres(withDatabase(serverUrl, name), { max: 2 });
      drop = async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    }
  });
  afterAll(async () => {
    await h.close();
    await drop();
  });

  it('from states and campaign memberships; a number nothing ties to anyone goes to every company that existed then', async () => {
    const all = loadMigrations();
    await migrate(
      h.db,
      all.filter((m) => m.name < '0008'),
    );
    const db = h.db;
    const co = (name: string, at: string) =>
      sql<{ id: number }>`INSERT INTO companies (name, display_name, created_at) VALUES (${name}, ${name}, ${at}) RETURNING id`.execute(db);
    const a = (await co('a', '2026-01-01T00:00:00Z')).rows[0]!.id;
    const b = (await co('b', '2026-01-01T00:00:00Z')).rows[0]!.id;
    const late = (await co('late', '2026-03-01T00:00:00Z')).rows[0]!.id;
    const num = async (phone: string) =>
      (
        await sql<{
          id: number;
        }>`INSERT INTO numbers (phone_number, created_at) VALUES (${phone}, '2026-02-01T00:00:00Z') RETURNING id`.execute(db)
      ).rows[0]!.id;
    const called = await num('09120000001');
    const member = await num('09120000002');
    const orphan = await num('09120000003');
    const r = await sql<{
      id: number;
    }>`INSERT INTO call_results (company_id, number_id, status, attempted_at) VALUES (${a}, ${called}, 'MISSED', now()) RETURNING id`.execute(
      db,
    );
    await sql`INSERT INTO number_states (company_id, number_id, status, status_changed_at, last_result_id) VALUES (${a}, ${called}, 'MISSED', now(), ${r.rows[0]!.id})`.execute(
      db,
    );
    const camp = await sql<{ id: number }>`INSERT INTO campaigns (company_id, name) VALUES (${b}, 'c') RETURNING id`.execute(db);
    await sql`INSERT INTO campaign_members (campaign_id, number_id) VALUES (${camp.rows[0]!.id}, ${member})`.execute(db);

    expect(await migrate(db, all)).toEqual(all.filter((m) => m.name >= '0008').map((m) => m.name));
    const rows = await sql<{ company_id: number; number_id: number }>`
      SELECT company_id, number_id FROM number_additions ORDER BY number_id, company_id`.execute(db);
    expect(rows.rows).toEqual([
      { company_id: a, number_id: called },
      { company_id: b, number_id: member },
      { company_id: a, number_id: orphan },
      { company_id: b, number_id: orphan },
    ]);
    expect(late).toBeGreaterThan(b);
  });
});
