import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTABLE_STATUSES } from '@dialdeck/contracts/numbers';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser } from '../../../test/factories';
import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { fixedClock } from '../../lib/time';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { CampaignsService } from '../campaigns/campaigns.service';
import { toPublicUser } from '../users/user-view';
import { CallResultsRepository } from './call-results.repository';
import { NumbersRepository, type NumberQuery, type SortBy, type SortOrder } from './numbers.repository';
import { NumbersService } from './numbers.service';

describe(`number pool (${ENGINE})`, () => {
  let t: TestDb;
  let repo: NumbersRepository;
  let results: CallResultsRepository;
  let service: NumbersService;
  const clock = fixedClock('2026-04-01T08:00:00Z');
  let a: CompanyRow;
  let b: CompanyRow;
  let admin: Principal;
  let superuser: Principal;

  const principal = async (company: CompanyRow, role: 'ADMIN' | 'AGENT', isSuperuser = false): Promise<Principal> => ({
    kind: 'user',
    user: toPublicUser(await makeUser(t.db, { company, role, isSuperuser })),
    company,
  });

  /** Real counts straight from the tables, to check the trigger-kept counters against. */
  async function trueCounts(companyId: number) {
    const r = await sql<{
      status: string;
      n: number;
    }>`SELECT status, count(*)::int AS n FROM number_states WHERE company_id = ${companyId} GROUP BY status`.execute(t.db);
    return Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  }
  async function counterCounts(companyId: number) {
    const m = await repo.statusCounts(companyId);
    m.delete('IN_QUEUE');
    return Object.fromEntries([...m].filter(([, n]) => n > 0));
  }

  beforeAll(async () => {
    t = await createTestDb();
    repo = new NumbersRepository(t.db);
    results = new CallResultsRepository(t.db);
    service = new NumbersService(repo, new CampaignsService(new CampaignsRepository(t.db)), clock);
    a = await makeCompany(t.db);
    b = await makeCompany(t.db, { locale: 'he' });
    admin = await principal(a, 'ADMIN');
    superuser = await principal(a, 'ADMIN', true);
  });
  afterAll(() => t.close());

  it('adds by text: normalises, dedupes within the input and against the pool, reports invalid values with lines', async () => {
    const [p1, p2] = freshPhones(2);
    const r1 = await service.add(a, { numbers: `${p1}, +98${p1!.slice(1)}\n${p2}\nabc\n12\n\n` });
    expect(r1).toEqual({
      added: 2,
      duplicates: 1,
      invalid: 2,
      errors: [
        { value: 'abc', reason: 'contains letters', line: 3 },
        { value: '12', reason: 'too short', line: 4 },
      ],
    });
    // Company B dials from Israel: Iranian numbers reach it in international form.
    const r2 = await service.add(b, { numbers: [`+98${p1!.slice(1)}`, `0098${p2!.slice(1)}`] });
    expect(r2).toMatchObject({ added: 0, duplicates: 2, invalid: 0 });
  });

  it('keeps at most 100 errors but counts every invalid value', async () => {
    const r = await service.add(a, { numbers: Array.from({ length: 150 }, (_, i) => `bad${i}`) });
    expect(r.invalid).toBe(150);
    expect(r.errors).toHaveLength(100);
  });

  it('a file that fails part-way adds nothing', async () => {
    const phones = freshPhones(500);
    const before = await repo.poolSize();
    async function* broken() {
      yield 'phone\n' + phones.slice(0, 250).join('\n') + '\n';
      throw new Error('connection reset by peer');
    }
    await expect(service.upload(a, 'csv', Readable.from(broken()), undefined, () => false)).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      message: 'The upload broke off before the whole file arrived. Nothing was imported.',
    });
    await expect(
      service.upload(a, 'xlsx', Readable.from([Buffer.from('PK\u0003\u0004 not really a zip')]), undefined, () => false),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    expect(await repo.poolSize()).toBe(before);
    const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM numbers WHERE phone_number = ANY(${phones}::text[])`.execute(
      t.db,
    );
    expect(found.rows[0]!.n).toBe(0);
  });

  it('a truncated (too large) file adds nothing', async () => {
    const phones = freshPhones(10);
    await expect(service.upload(a, 'csv', Readable.from([phones.join('\n')]), undefined, () => true)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The file is larger than 200 MB (limit: upload_bytes). Nothing was imported.',
    });
    const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM numbers WHERE phone_number = ANY(${phones}::text[])`.execute(
      t.db,
    );
    expect(found.rows[0]!.n).toBe(0);
  });

  it('uploads a CSV with a phone column anywhere, skipping the header', async () => {
    const phones = freshPhones(3);
    const csv = `name,phone\nAli,${phones[0]}\nSara,"${phones[1]}"\nX,nope\nY,${phones[2]}\nZ,${phones[0]}\n`;
    const r = await service.upload(a, 'csv', Readable.from([csv]), undefined, () => false);
    expect(r).toEqual({ added: 3, duplicates: 1, invalid: 1, errors: [{ value: 'nope', reason: 'contains letters', line: 4 }] });
  });

  it('the current status is the latest result by id; attempts count dialer results only', async () => {
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const agent = await makeUser(t.db, { company: a, role: 'AGENT' });
    // Two results with the same attempted_at: the higher id wins, not the timestamp.
    const at = new Date('2026-03-01T10:00:00Z');
    await results.record(a.id, [{ numberId: n!, status: 'MISSED', attemptedAt: at }], clock.now());
    await results.record(
      a.id,
      [{ numberId: n!, status: 'BUSY', attemptedAt: at, agentId: agent.id, userMessage: 'call later' }],
      clock.now(),
    );
    let v = await repo.findView(a.id, n!);
    expect(v).toMatchObject({ status: 'BUSY', total_attempts: 2, agent_id: agent.id, last_user_message: 'call later' });
    // A manual change is the new latest result but not an attempt.
    await repo.setStatus(a.id, { ids: [n!] }, 'MISSED', clock.now());
    v = await repo.findView(a.id, n!);
    expect(v).toMatchObject({ status: 'MISSED', total_attempts: 2, agent_id: agent.id });
    expect(v!.last_attempt_at!.toISOString()).toBe(at.toISOString());
    // Company B still sees it in the queue.
    expect(await repo.findView(b.id, n!)).toMatchObject({ status: 'IN_QUEUE', total_attempts: 0 });
  });

  it('results reported out of order leave the highest id as current, and every attempt counted', async () => {
    const [n] = await makeNumbers(t.db, freshPhones(1));
    await results.record(
      a.id,
      [
        { numberId: n!, status: 'MISSED', attemptedAt: new Date('2026-03-02T10:00:00Z') },
        { numberId: n!, status: 'CONNECTED', attemptedAt: new Date('2026-03-01T10:00:00Z') },
      ],
      clock.now(),
    );
    expect(await repo.findView(a.id, n!)).toMatchObject({ status: 'CONNECTED', total_attempts: 2 });
  });

  describe('listing and counting', () => {
    let co: CompanyRow;
    let ids: number[];
    let agent1: number;
    let agent2: number;
    const statuses = ['MISSED', 'BUSY', 'CONNECTED', 'MISSED', 'FAILED', 'MISSED', 'BUSY', 'MISSED'];

    beforeAll(async () => {
      co = await makeCompany(t.db);
      agent1 = (await makeUser(t.db, { company: co, role: 'AGENT' })).id;
      agent2 = (await makeUser(t.db, { company: co, role: 'AGENT' })).id;
      ids = await makeNumbers(t.db, freshPhones(40));
      // 24 of the 40 get results (8 statuses × 3); the rest stay IN_QUEUE.
      const batch = ids.slice(0, 24).map((id, i) => ({
        numberId: id,
        status: statuses[i % statuses.length]!,
        attemptedAt: new Date(Date.UTC(2026, 2, 1 + (i % 10), 8, i)),
        agentId: i % 3 === 0 ? agent1 : i % 3 === 1 ? agent2 : null,
      }));
      await results.record(co.id, batch, clock.now());
      // Another company's results on the same numbers must never show up here.
      await results.record(
        b.id,
        ids.slice(20).map((id) => ({ numberId: id, status: 'CONNECTED', attemptedAt: clock.now() })),
        clock.now(),
      );
    });

    const mine = (rows: { id: number }[]) => rows.map((r) => r.id).filter((id) => ids.includes(id));

    it('counts from counters equal the real counts', async () => {
      expect(await counterCounts(co.id)).toEqual(await trueCounts(co.id));
      expect(await repo.count(co.id, { status: 'MISSED' })).toBe(12);
      expect(await repo.count(co.id, { status: 'CONNECTED' })).toBe(3);
      const total = await repo.count(co.id, {});
      expect(await repo.count(co.id, { status: 'IN_QUEUE' })).toBe(total - 24);
    });

    it('filters by status, agent, dates and search; count agrees with the list', async () => {
      const cases: NumberQuery[] = [
        { status: 'MISSED' },
        { status: 'MISSED', agentId: agent1 },
        { agentId: agent2 },
        { since: new Date('2026-03-03T00:00:00Z'), until: new Date('2026-03-06T00:00:00Z') },
        { status: 'BUSY', since: new Date('2026-03-03T00:00:00Z') },
        { status: 'IN_QUEUE', ids },
        { ids: ids.slice(0, 5) },
        { status: 'MISSED', excludedIds: ids.slice(0, 3) },
      ];
      for (const q of cases) {
        const rows = await repo.list(co.id, q, 'id', 'asc', 0, 500);
        expect(rows.length, JSON.stringify(q)).toBe(await repo.count(co.id, q));
        for (const r of rows) {
          if (q.status) expect(r.status).toBe(q.status);
          if (q.agentId) expect(r.agent_id).toBe(q.agentId);
          if (q.since) expect(r.last_attempt_at!.getTime()).toBeGreaterThanOrEqual(q.since.getTime());
          if (q.until) expect(r.last_attempt_at!.getTime()).toBeLessThan(q.until.getTime());
          if (q.excludedIds) expect(q.excludedIds).not.toContain(r.id);
        }
      }
      expect(await repo.list(co.id, { status: 'IN_QUEUE', agentId: agent1 }, 'id', 'asc', 0, 50)).toEqual([]);
      expect(await repo.count(co.id, { status: 'IN_QUEUE', agentId: agent1 })).toBe(0);
    });

    it('search: a leading 0 or + is a prefix, other digits a substring', async () => {
      const phone = (await repo.findView(co.id, ids[7]!))!.phone_number;
      expect(mine(await repo.list(co.id, { search: phone }, 'id', 'asc', 0, 50))).toEqual([ids[7]]);
      expect(mine(await repo.list(co.id, { search: phone.slice(4) }, 'id', 'asc', 0, 50))).toContain(ids[7]);
      expect(await repo.list(co.id, { search: phone.slice(4) + '%' }, 'id', 'asc', 0, 50)).toEqual([]);
    });

    it.each([
      ['id', 'asc'],
      ['id', 'desc'],
      ['last_attempt_at', 'desc'],
      ['last_attempt_at', 'asc'],
      ['status', 'asc'],
      ['status', 'desc'],
    ] as Array<[SortBy, SortOrder]>)('every page of the whole pool sorted by %s %s matches one ordered query', async (sort, order) => {
      const total = await repo.count(co.id, {});
      // The generic path (a search matching every number) is the reference ordering.
      const reference = await repo.list(co.id, { search: '0' }, sort, order, 0, total + 10);
      expect(reference).toHaveLength(total);
      for (const pageSize of [7, 25]) {
        const paged: number[] = [];
        for (let skip = 0; skip < total + pageSize; skip += pageSize) {
          paged.push(...(await repo.list(co.id, {}, sort, order, skip, pageSize)).map((r) => r.id));
        }
        expect(paged).toEqual(reference.map((r) => r.id));
      }
    });

    it('filters by campaign membership, only within the company', async () => {
      const campaigns = new CampaignsRepository(t.db);
      const camp = await campaigns.create(co.id, 'Spring');
      await campaigns.addMembers(t.db, co.id, camp.id, ids.slice(0, 4));
      expect(await campaigns.addMembers(t.db, b.id, camp.id, ids.slice(4, 8))).toBe(0);
      expect(mine(await repo.list(co.id, { campaignId: camp.id }, 'id', 'asc', 0, 50))).toEqual(ids.slice(0, 4));
      expect(await repo.count(co.id, { campaignId: camp.id, status: 'MISSED' })).toBe(
        (await repo.list(co.id, { campaignId: camp.id }, 'id', 'asc', 0, 50)).filter((r) => r.status === 'MISSED').length,
      );
      expect(await repo.list(b.id, { campaignId: camp.id }, 'id', 'asc', 0, 50)).toEqual([]);
    });
  });

  describe('changes under the mutability rules', () => {
    it('admins change only mutable statuses; a superuser changes any', async () => {
      const ids = await makeNumbers(t.db, freshPhones(3));
      await results.record(
        a.id,
        [
          { numberId: ids[0]!, status: 'CONNECTED', attemptedAt: clock.now() },
          { numberId: ids[1]!, status: 'MISSED', attemptedAt: clock.now() },
        ],
        clock.now(),
      );
      await expect(service.updateStatus(admin, a, ids[0]!, 'BUSY')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(service.updateStatus(admin, a, ids[1]!, 'CONNECTED')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await service.updateStatus(admin, a, ids[1]!, 'BUSY')).status).toBe('BUSY');
      expect((await service.updateStatus(admin, a, ids[2]!, 'BANNED')).status).toBe('BANNED');
      expect((await service.updateStatus(superuser, a, ids[0]!, 'MISSED')).status).toBe('MISSED');
      await expect(service.reset(admin, a, ids[0]!)).resolves.toMatchObject({ status: 'IN_QUEUE', total_attempts: 0 });
      await expect(service.updateStatus(admin, a, 999_999, 'BUSY')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('bulk select-all minus exclusions changes exactly the rest, skips final statuses, never touches another company', async () => {
      const co = await makeCompany(t.db);
      const adminCo = await principal(co, 'ADMIN');
      const ids = await makeNumbers(t.db, freshPhones(12));
      await results.record(
        co.id,
        ids.slice(0, 10).map((id, i) => ({ numberId: id, status: i < 8 ? 'MISSED' : 'CONNECTED', attemptedAt: clock.now() })),
        clock.now(),
      );
      await results.record(
        b.id,
        ids.map((id) => ({ numberId: id, status: 'MISSED', attemptedAt: clock.now() })),
        clock.now(),
      );
      const bBefore = await trueCounts(b.id);
      const bResults = await sql<{ n: number }>`SELECT count(*)::int AS n FROM call_results WHERE company_id = ${b.id}`.execute(t.db);

      const affected = await service.bulk(adminCo, co, {
        action: 'update_status',
        status: 'BUSY',
        select_all: true,
        excluded_ids: [ids[0]!, ids[1]!],
      } as never);
      // 12 numbers of ours in the pool view minus 2 excluded; the 2 CONNECTED are final → skipped.
      const inPool = await repo.count(co.id, {});
      expect(affected).toBe(inPool - 2 - 2);
      expect((await repo.findView(co.id, ids[0]!))!.status).toBe('MISSED');
      expect((await repo.findView(co.id, ids[8]!))!.status).toBe('CONNECTED');
      expect((await repo.findView(co.id, ids[5]!))!.status).toBe('BUSY');
      expect((await repo.findView(co.id, ids[11]!))!.status).toBe('BUSY');

      expect(await trueCounts(b.id)).toEqual(bBefore);
      const bResultsAfter = await sql<{ n: number }>`SELECT count(*)::int AS n FROM call_results WHERE company_id = ${b.id}`.execute(t.db);
      expect(bResultsAfter.rows[0]!.n).toBe(bResults.rows[0]!.n);
      expect(await counterCounts(co.id)).toEqual(await trueCounts(co.id));
      expect(await counterCounts(b.id)).toEqual(await trueCounts(b.id));
    });

    it('update_status with new_status and a status filter changes only that status', async () => {
      const co = await makeCompany(t.db);
      const adminCo = await principal(co, 'ADMIN');
      const ids = await makeNumbers(t.db, freshPhones(4));
      await results.record(
        co.id,
        ids.map((id, i) => ({ numberId: id, status: i < 2 ? 'MISSED' : 'BUSY', attemptedAt: clock.now() })),
        clock.now(),
      );
      expect(
        await service.bulk(adminCo, co, { action: 'update_status', new_status: 'BANNED', status: 'MISSED', select_all: true } as never),
      ).toBe(2);
      expect((await Promise.all(ids.map((id) => repo.findView(co.id, id)))).map((v) => v!.status)).toEqual([
        'BANNED',
        'BANNED',
        'BUSY',
        'BUSY',
      ]);
    });

    it('bulk with a status filter acts on that status only; reset returns numbers to the queue and releases only our lock', async () => {
      const co = await makeCompany(t.db);
      const adminCo = await principal(co, 'ADMIN');
      const ids = await makeNumbers(t.db, freshPhones(6));
      await results.record(
        co.id,
        ids.map((id, i) => ({ numberId: id, status: i % 2 ? 'BUSY' : 'MISSED', attemptedAt: clock.now() })),
        clock.now(),
      );
      await sql`UPDATE numbers SET assigned_at = now(), assigned_company_id = ${co.id} WHERE id = ${ids[0]}`.execute(t.db);
      await sql`UPDATE numbers SET assigned_at = now(), assigned_company_id = ${b.id} WHERE id = ${ids[2]}`.execute(t.db);
      const n = await service.bulk(adminCo, co, { action: 'reset', select_all: true, status: 'MISSED', ids: undefined } as never);
      expect(n).toBe(3);
      for (const [i, id] of ids.entries()) expect((await repo.findView(co.id, id))!.status).toBe(i % 2 ? 'BUSY' : 'IN_QUEUE');
      const locks = await sql<{
        id: number;
        assigned_company_id: number | null;
      }>`SELECT id, assigned_company_id FROM numbers WHERE id = ANY(${[ids[0]!, ids[2]!]}::int[]) ORDER BY id`.execute(t.db);
      expect(locks.rows.map((r) => r.assigned_company_id)).toEqual([null, b.id]);
      const left = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM call_results WHERE company_id = ${co.id} AND number_id = ANY(${ids}::int[])`.execute(t.db);
      expect(left.rows[0]!.n).toBe(3);
      expect(await counterCounts(co.id)).toEqual(await trueCounts(co.id));
    });

    it("an admin's delete leaves numbers another company has called in the pool; a superuser deletes any", async () => {
      const co = await makeCompany(t.db);
      const adminCo = await principal(co, 'ADMIN');
      const suCo = { ...superuser, company: co };
      const ids = await makeNumbers(t.db, freshPhones(4));
      await results.record(b.id, [{ numberId: ids[0]!, status: 'MISSED', attemptedAt: clock.now() }], clock.now());
      await results.record(co.id, [{ numberId: ids[1]!, status: 'CONNECTED', attemptedAt: clock.now() }], clock.now());
      await service.delete(adminCo, co, ids[0]!);
      expect((await repo.findView(b.id, ids[0]!))?.status).toBe('MISSED');
      await expect(service.delete(adminCo, co, ids[1]!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await service.bulk(adminCo, co, { action: 'delete', ids } as never)).toBe(2);
      expect(await repo.findView(co.id, ids[0]!)).toBeDefined();
      expect(await repo.findView(co.id, ids[2]!)).toBeUndefined();
      const before = await repo.poolSize();
      expect(await service.bulk(suCo, co, { action: 'delete', ids } as never)).toBe(2);
      expect(await repo.poolSize()).toBe(before - 2);
      expect(await counterCounts(b.id)).toEqual(await trueCounts(b.id));
    });

    it('non-superusers may not set a final status in bulk', async () => {
      await expect(service.bulk(admin, a, { action: 'update_status', status: 'CONNECTED', ids: [1] } as never)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(MUTABLE_STATUSES).toContain('BUSY');
    });
  });

  it('an agent sees only the numbers whose latest result names them', async () => {
    const co = await makeCompany(t.db);
    const ag1 = await principal(co, 'AGENT');
    const ag2 = await principal(co, 'AGENT');
    const ids = await makeNumbers(t.db, freshPhones(3));
    await results.record(
      co.id,
      [
        { numberId: ids[0]!, status: 'MISSED', attemptedAt: clock.now(), agentId: ag1.user.id },
        { numberId: ids[1]!, status: 'MISSED', attemptedAt: clock.now(), agentId: ag1.user.id },
        { numberId: ids[2]!, status: 'MISSED', attemptedAt: clock.now(), agentId: ag2.user.id },
      ],
      clock.now(),
    );
    const seen = async (p: Principal) => (await service.list(p, co, {}, 'id', 'asc', 0, 50)).map((r) => r.id);
    expect(await seen(ag1)).toEqual([ids[0], ids[1]]);
    expect(await service.count(ag1, co, {})).toBe(2);
    // A later result naming the other agent moves the number to them.
    await results.record(co.id, [{ numberId: ids[1]!, status: 'BUSY', attemptedAt: clock.now(), agentId: ag2.user.id }], clock.now());
    expect(await seen(ag1)).toEqual([ids[0]]);
    expect(await seen(ag2)).toEqual([ids[1], ids[2]]);
    // An agent asking for another agent's numbers still gets only their own.
    expect((await service.list(ag1, co, { agent_id: ag2.user.id }, 'id', 'asc', 0, 50)).map((r) => r.id)).toEqual([ids[0]]);
    await expect(service.get(ag1, co, ids[2]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await service.updateStatus(ag1, co, ids[0]!, 'BUSY')).status).toBe('BUSY');
  });

  it('exports the selection in id order, in chunks', async () => {
    const co = await makeCompany(t.db);
    const adminCo = await principal(co, 'ADMIN');
    const ids = await makeNumbers(t.db, freshPhones(7));
    await results.record(
      co.id,
      ids.slice(0, 5).map((id) => ({ numberId: id, status: 'MISSED', attemptedAt: clock.now() })),
      clock.now(),
    );
    const got: number[] = [];
    for await (const chunk of service.exportRows(adminCo, co, { select_all: true, status: 'MISSED', excluded_ids: [ids[1]!] }, 2)) {
      expect(chunk.length).toBeLessThanOrEqual(2);
      got.push(...chunk.map((r) => r.id));
    }
    expect(got).toEqual([ids[0], ids[2], ids[3], ids[4]]);
  });
});
