import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser, openSchedule } from '../../../test/factories';
import { openPostgres, type Db } from '../../db/client';
import type { CompanyRow } from '../../db/schema/database';
import { EXCLUSION_ORDER } from '@dialdeck/contracts/dialer';
import { fixedClock } from '../../lib/time';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { CampaignsService } from '../campaigns/campaigns.service';
import { CompaniesRepository } from '../companies/companies.repository';
import { CompaniesService } from '../companies/companies.service';
import { CallResultsRepository } from '../numbers/call-results.repository';
import { CallResultsService } from '../numbers/call-results.service';
import { NumbersRepository } from '../numbers/numbers.repository';
import { DispatchRepository } from './dispatch.repository';
import { DispatchService } from './dispatch.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { LinesRepository } from '../lines/lines.repository';
import { LinesService } from '../lines/lines.service';
import { ScenariosRepository } from '../scenarios/scenarios.repository';
import { ScenariosService } from '../scenarios/scenarios.service';

describe(`dialer dispatch and reports (${ENGINE})`, () => {
  let t: TestDb;
  const clock = fixedClock('2026-05-10T07:00:00Z');
  const gate = openSchedule();
  // Health figures are not these tests' concern: the lines' statistics answer nothing.
  const lines = (db: Db) =>
    new LinesService(
      new LinesRepository(db),
      new CompaniesService(new CompaniesRepository(db)),
      { lineTotals: async () => new Map() },
      clock,
    );
  const service = (db: Db) =>
    new DispatchService(
      new DispatchRepository(db),
      new CampaignsService(new CampaignsRepository(db)),
      new CompaniesService(new CompaniesRepository(db)),
      gate,
      lines(db),
      clock,
    );
  const reporter = (db: Db) =>
    new ReportsService(
      new ReportsRepository(db),
      new CallResultsService(new CallResultsRepository(db)),
      gate,
      { lines: lines(db), scenarios: new ScenariosService(new ScenariosRepository(db), { scenarioCalls: async () => new Map() }) },
      clock,
    );
  let dispatch: DispatchService;
  let reports: ReportsService;

  beforeAll(async () => {
    t = await createTestDb();
    dispatch = service(t.db);
    reports = reporter(t.db);
  });
  afterAll(() => t.close());

  const ids = async (company: CompanyRow, size = 100, campaignId?: number) => {
    const r = await dispatch.nextBatch(company, null, size, campaignId);
    if (!r.call_allowed) throw new Error('refused');
    return r.batch.numbers.map((n) => n.id);
  };
  /** Dispatch tests share one pool: each looks only at its own numbers. */
  const only = (got: number[], mine: number[]) => got.filter((id) => mine.includes(id));

  it('hands out numbers once, locks them for the batch and records the batch', async () => {
    const co = await makeCompany(t.db);
    const mine = await makeNumbers(t.db, freshPhones(30));
    const first = await dispatch.nextBatch(co, null, 10);
    expect(first).toMatchObject({ call_allowed: true, timezone: 'Asia/Tehran', schedule_version: 1 });
    if (!first.call_allowed) return;
    expect(first.batch).toMatchObject({ size_requested: 10, size_returned: 10 });
    expect(first.server_time).toMatch(/\+03:30$/);
    const all = [...first.batch.numbers.map((n) => n.id)];
    for (let i = 0; i < 400 && only(all, mine).length < 30; i++) all.push(...(await ids(co, 50)));
    expect(new Set(all).size).toBe(all.length);
    expect(only(all, mine).sort((a, b) => a - b)).toEqual(mine);
    const locked = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM numbers WHERE id = ANY(${mine}::int[]) AND assigned_at = ${clock.now()} AND assigned_company_id = ${co.id}`.execute(
      t.db,
    );
    expect(locked.rows[0]!.n).toBe(30);
    const audit = await sql<{ size_returned: number }>`SELECT size_returned FROM dialer_batches WHERE id = ${first.batch.batch_id}`.execute(
      t.db,
    );
    expect(audit.rows[0]!.size_returned).toBe(10);
    // The pool is now exhausted for this company.
    expect(await ids(co, 50)).toEqual([]);
  });

  it('never hands out blocked numbers, numbers the company called, or numbers cooling down after another company', async () => {
    const a = await makeCompany(t.db);
    const b = await makeCompany(t.db);
    const [blocked, calledByA, calledByB, fresh] = await makeNumbers(t.db, freshPhones(4));
    await sql`UPDATE numbers SET global_status = 'COMPLAINED' WHERE id = ${blocked}`.execute(t.db);
    await reports.report(a, [{ number_id: calledByA, status: 'MISSED' }], () => '');
    await reports.report(b, [{ number_id: calledByB, status: 'MISSED' }], () => '');
    const got: number[] = [];
    for (let i = 0; i < 200; i++) {
      const batch = await ids(a, 100);
      if (batch.length === 0) break;
      got.push(...batch);
    }
    expect(got).toContain(fresh);
    expect(got).not.toContain(blocked);
    expect(got).not.toContain(calledByA);
    expect(got).not.toContain(calledByB);
    // Three days later B's call no longer holds the number back: it comes back from the parking.
    clock.advance(3 * 86_400_000 + 60_000);
    const later = await ids(a, 100);
    expect(later).toContain(calledByB);
    expect(later).not.toContain(calledByA);
    clock.set('2026-05-10T07:00:00Z');
  });

  it('each number the walk passes is handed out, skipped for good, or parked until its reason ends', async () => {
    const co = await makeCompany(t.db);
    const other = await makeCompany(t.db);
    const now = clock.now().getTime();
    const [fresh, blocked, calledByUs, cooling, heldLive, heldStale] = await makeNumbers(t.db, freshPhones(6));
    await sql`UPDATE numbers SET global_status = 'POWER_OFF' WHERE id = ${blocked}`.execute(t.db);
    // Called by us four days ago: past the 3-day cooldown, but ours for good.
    await reports.report(
      co,
      [{ number_id: calledByUs!, status: 'BUSY', attempted_at: new Date(now - 4 * 86_400_000).toISOString() }],
      () => '',
    );
    await sql`UPDATE numbers SET last_called_at = ${new Date(now - 86_400_000)}, last_called_company_id = ${other.id} WHERE id = ${cooling}`.execute(
      t.db,
    );
    await sql`UPDATE numbers SET assigned_at = ${new Date(now - 10 * 60_000)}, assigned_company_id = ${other.id} WHERE id = ${heldLive}`.execute(
      t.db,
    );
    await sql`UPDATE numbers SET assigned_at = ${new Date(now - 61 * 60_000)}, assigned_company_id = ${other.id} WHERE id = ${heldStale}`.execute(
      t.db,
    );
    const mine = [fresh!, blocked!, calledByUs!, cooling!, heldLive!, heldStale!];
    const got: number[] = [];
    for (let i = 0; i < 400; i++) {
      const batch = await ids(co, 100);
      if (batch.length === 0) break;
      got.push(...batch);
    }
    expect(only(got, mine).sort((a, b) => a - b)).toEqual([fresh, heldStale]);
    const parked = await sql<{ number_id: number; ready_at: Date }>`
      SELECT number_id, ready_at FROM dialer_deferred WHERE company_id = ${co.id} AND number_id = ANY(${mine}::int[]) ORDER BY number_id`.execute(
      t.db,
    );
    expect(parked.rows.map((r) => [r.number_id, r.ready_at.toISOString()])).toEqual([
      [cooling, new Date(now + 2 * 86_400_000).toISOString()], // when the other company's call has cooled down
      [heldLive, new Date(now + 50 * 60_000).toISOString()], // when the other company's lease times out
    ]);
  });

  it('a dialer that dies holding a batch gets its numbers back after the 60-minute timeout', async () => {
    const co = await makeCompany(t.db);
    const mine = await makeNumbers(t.db, freshPhones(5));
    const start = clock.now();
    const held: number[] = [];
    for (let i = 0; i < 400 && only(held, mine).length < 5; i++) held.push(...(await ids(co, 100)));
    expect(only(held, mine)).toHaveLength(5);
    clock.advance(59 * 60_000);
    expect(only(await ids(co, 100), mine)).toEqual([]);
    clock.advance(2 * 60_000);
    expect(only(await ids(co, 100), mine).sort((x, y) => x - y)).toEqual(mine);
    clock.set(start);
  });

  it('report-result: releases the lock, stamps the cooldown, blocks on COMPLAINED / POWER_OFF, creates unknown numbers', async () => {
    const a = await makeCompany(t.db);
    const agent = await makeUser(t.db, { company: a, role: 'AGENT', phone: '09121234000' });
    const [n1, n2] = await makeNumbers(t.db, freshPhones(2));
    await sql`UPDATE numbers SET assigned_at = ${clock.now()}, assigned_company_id = ${a.id} WHERE id = ${n1}`.execute(t.db);
    const [r1] = await reports.report(
      a,
      [{ number_id: n1, status: 'CONNECTED', agent_phone: '+989121234000', user_message: 'ok', duration_seconds: 42 }],
      () => '',
    );
    expect(r1).toMatchObject({ number_id: n1, duplicate: false });
    const row = await sql<{
      assigned_at: Date | null;
      last_called_at: Date;
      last_called_company_id: number;
    }>`SELECT assigned_at, last_called_at, last_called_company_id FROM numbers WHERE id = ${n1}`.execute(t.db);
    expect(row.rows[0]).toMatchObject({ assigned_at: null, last_called_company_id: a.id });
    expect(row.rows[0]!.last_called_at.toISOString()).toBe(clock.now().toISOString());
    const state = await new NumbersRepository(t.db).findView(a.id, n1!);
    expect(state).toMatchObject({ status: 'CONNECTED', total_attempts: 1, agent_id: agent.id, last_user_message: 'ok' });

    await reports.report(a, [{ number_id: n2, status: 'COMPLAINED' }], () => '');
    const g = await sql<{ global_status: string }>`SELECT global_status FROM numbers WHERE id = ${n2}`.execute(t.db);
    expect(g.rows[0]!.global_status).toBe('COMPLAINED');

    const [phone] = freshPhones(1);
    const [r3] = await reports.report(a, [{ phone_number: `+98${phone!.slice(1)}`, status: 'BUSY' }], () => '');
    const created = await sql<{ phone_number: string }>`SELECT phone_number FROM numbers WHERE id = ${r3!.number_id}`.execute(t.db);
    expect(created.rows[0]!.phone_number).toBe(phone);
  });

  it('report-result is idempotent by report_id, also within one bulk request', async () => {
    const a = await makeCompany(t.db);
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const [first] = await reports.report(a, [{ number_id: n, status: 'MISSED', report_id: 'dial-1' }], () => '');
    const [again] = await reports.report(a, [{ number_id: n, status: 'MISSED', report_id: 'dial-1' }], () => '');
    expect(again).toEqual({ ...first, duplicate: true });
    // The same id with another body is not a retry (API.md: 409).
    await expect(reports.report(a, [{ number_id: n, status: 'CONNECTED', report_id: 'dial-1' }], () => '')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const bulk = await reports.report(
      a,
      [
        { number_id: n, status: 'BUSY', report_id: 'dial-2' },
        { number_id: n, status: 'BUSY', report_id: 'dial-2' },
        { number_id: n, status: 'MISSED', report_id: 'dial-1' },
      ],
      (i) => `results.${i}.`,
    );
    expect(bulk.map((x) => x.duplicate)).toEqual([false, true, true]);
    expect(bulk[1]!.call_result_id).toBe(bulk[0]!.call_result_id);
    const view = await new NumbersRepository(t.db).findView(a.id, n!);
    expect(view).toMatchObject({ status: 'BUSY', total_attempts: 2 });
    // Another company may use the same report id for its own report.
    const b = await makeCompany(t.db);
    const [other] = await reports.report(b, [{ number_id: n, status: 'MISSED', report_id: 'dial-1' }], () => '');
    expect(other!.duplicate).toBe(false);
  });

  it('refuses unknown or inactive agents and unknown numbers, naming the field', async () => {
    const a = await makeCompany(t.db);
    const b = await makeCompany(t.db);
    const inactive = await makeUser(t.db, { company: a, role: 'AGENT', isActive: false });
    const foreign = await makeUser(t.db, { company: b, role: 'AGENT' });
    const [n] = await makeNumbers(t.db, freshPhones(1));
    await expect(reports.report(a, [{ number_id: n, status: 'MISSED', agent_id: inactive.id }], () => '')).rejects.toMatchObject({
      fields: { agent_id: 'the agent is not active' },
    });
    await expect(reports.report(a, [{ number_id: n, status: 'MISSED', agent_id: foreign.id }], () => '')).rejects.toMatchObject({
      fields: { agent_id: 'no such agent in this company' },
    });
    await expect(
      reports.report(a, [{ number_id: n, status: 'MISSED', agent_phone: '09129999999' }], (i) => `results.${i}.`),
    ).rejects.toMatchObject({
      fields: { 'results.0.agent_phone': 'no agent of this company has this phone' },
    });
    await expect(reports.report(a, [{ number_id: 99_999_999, status: 'MISSED' }], () => '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(reports.report(a, [{ phone_number: 'nope', status: 'MISSED' }], () => '')).rejects.toMatchObject({
      fields: { phone_number: 'contains letters' },
    });
    // Nothing was written by the refused reports.
    expect(await new NumbersRepository(t.db).findView(a.id, n!)).toMatchObject({ status: 'IN_QUEUE' });
  });

  it('call_allowed switches the schedule, but a retried report does not', async () => {
    const a = await makeCompany(t.db);
    const [n] = await makeNumbers(t.db, freshPhones(1));
    gate.switched.length = 0;
    await reports.report(a, [{ number_id: n, status: 'MISSED', call_allowed: false, report_id: 'x1' }], () => '');
    await reports.report(a, [{ number_id: n, status: 'MISSED', call_allowed: false, report_id: 'x1' }], () => '');
    await reports.report(a, [{ number_id: n, status: 'MISSED', call_allowed: true }], () => '');
    expect(gate.switched).toEqual([true, false]);
  });

  it('with a campaign, hands out only its members, including members added behind the walk and numbers reset', async () => {
    const co = await makeCompany(t.db);
    const campaigns = new CampaignsRepository(t.db);
    const camp = await campaigns.create(co.id, 'Autumn');
    const nums = await makeNumbers(t.db, freshPhones(12));
    await campaigns.addMembers(t.db, co.id, camp.id, nums.slice(0, 6));
    const got = await ids(co, 100, camp.id);
    expect(got.sort((x, y) => x - y)).toEqual(nums.slice(0, 6));
    expect(await ids(co, 100, camp.id)).toEqual([]);
    // Added after the walk passed their ids: still found.
    await campaigns.addMembers(t.db, co.id, camp.id, [nums[6]!, nums[7]!]);
    expect((await ids(co, 100, camp.id)).sort((x, y) => x - y)).toEqual([nums[6], nums[7]]);
    // Reported, then reset by an admin: the walk gets it again.
    // (called four days ago, so the global cooldown has passed)
    await reports.report(
      co,
      [{ number_id: nums[0]!, status: 'BUSY', attempted_at: new Date(clock.now().getTime() - 4 * 86_400_000).toISOString() }],
      () => '',
    );
    await new NumbersRepository(t.db).reset(co.id, { ids: [nums[0]!] });
    expect(await ids(co, 100, camp.id)).toEqual([nums[0]]);
    await expect(dispatch.nextBatch(co, null, 10, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('16 concurrent callers never hand one number to two batches', async () => {
    const co = await makeCompany(t.db);
    const mine = await makeNumbers(t.db, freshPhones(1200));
    // Each caller has its own connection on a server; PGlite has one, shared.
    const handles = ENGINE === 'postgres' ? Array.from({ length: 16 }, () => openPostgres(t.url!, { max: 1 })) : [];
    const services = ENGINE === 'postgres' ? handles.map((h) => service(h.db)) : Array.from({ length: 16 }, () => dispatch);
    try {
      const handed: number[] = [];
      let rounds = 0;
      while (only(handed, mine).length < mine.length && rounds++ < 100) {
        const batches = await Promise.all(services.map((s) => s.nextBatch(co, null, 25)));
        for (const b of batches) if (b.call_allowed) handed.push(...b.batch.numbers.map((n) => n.id));
      }
      expect(new Set(handed).size).toBe(handed.length);
      expect(only(handed, mine).length).toBe(mine.length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it('two concurrent callers over four lines: every number gets a line, spread within one call of even', async () => {
    const co = await makeCompany(t.db);
    const mine = await makeNumbers(t.db, freshPhones(400));
    const lineIds = (
      await t.db
        .insertInto('outbound_lines')
        .values([1, 2, 3, 4].map((i) => ({ company_id: co.id, phone_number: `+98213${co.id}`.padEnd(12, '0') + i, display_name: `L${i}` })))
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const handles = ENGINE === 'postgres' ? [1, 2].map(() => openPostgres(t.url!, { max: 1 })) : [];
    const callers = ENGINE === 'postgres' ? handles.map((h) => service(h.db)) : [dispatch, dispatch];
    try {
      const perLine = new Map<number, number>();
      const handed: number[] = [];
      for (let round = 0; only(handed, mine).length < mine.length && round < 200; round++) {
        const batches = await Promise.all(callers.map((c) => c.nextBatch(co, null, 30)));
        for (const b of batches) {
          if (!b.call_allowed) throw new Error('refused');
          for (const n of b.batch.numbers) {
            handed.push(n.id);
            expect(lineIds).toContain(n.outbound_line?.id);
            perLine.set(n.outbound_line!.id, (perLine.get(n.outbound_line!.id) ?? 0) + 1);
          }
        }
      }
      expect(new Set(handed).size).toBe(handed.length);
      expect(only(handed, mine).length).toBe(mine.length);
      const counts = [...perLine.values()];
      expect(counts.length).toBe(4);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it('diagnostics count each reason once, in funnel order', async () => {
    const co = await makeCompany(t.db);
    const other = await makeCompany(t.db);
    clock.advance(4 * 86_400_000);
    const before = await dispatch.diagnostics(co);
    const [blocked, cooling, called, locked] = await makeNumbers(t.db, freshPhones(5));
    await sql`UPDATE numbers SET global_status = 'POWER_OFF' WHERE id = ${blocked}`.execute(t.db);
    await reports.report(
      co,
      [{ number_id: called, status: 'MISSED', attempted_at: new Date(clock.now().getTime() - 5 * 86_400_000).toISOString() }],
      () => '',
    );
    await sql`UPDATE numbers SET assigned_at = ${clock.now()}, assigned_company_id = ${other.id} WHERE id = ${locked}`.execute(t.db);
    await reports.report(other, [{ number_id: cooling, status: 'MISSED' }], () => '');
    const d = await dispatch.diagnostics(co);
    expect(d.total - before.total).toBe(5);
    expect(d.globally_blocked - before.globally_blocked).toBe(1);
    expect(d.cooling_down - before.cooling_down).toBe(1);
    expect(d.called_by_company - before.called_by_company).toBe(1);
    expect(d.locked - before.locked).toBe(1);
    expect(d.total).toBe(d.globally_blocked + d.cooling_down + d.called_by_company + d.locked + d.outside_campaign + d.available);
    expect(d.schedule).toMatchObject({ call_allowed: true, reason: null, timezone: 'Asia/Tehran' });
    clock.set('2026-05-10T07:00:00Z');
  });

  it('count a number at the first reason of EXCLUSION_ORDER that applies, the one the walk acts on', async () => {
    const co = await makeCompany(t.db);
    const other = await makeCompany(t.db);
    const campaigns = new CampaignsRepository(t.db);
    const camp = await campaigns.create(co.id, 'Order');
    // The funnel counts the whole pool (other tests' numbers too): compare with before.
    const before = await dispatch.diagnostics(co, camp.id);
    // Number k has reason k of the order and every reason after it.
    const nums = await makeNumbers(t.db, freshPhones(EXCLUSION_ORDER.length + 1));
    const has = (reason: (typeof EXCLUSION_ORDER)[number]) => nums.filter((_, k) => k <= EXCLUSION_ORDER.indexOf(reason));
    await campaigns.addMembers(
      t.db,
      co.id,
      camp.id,
      nums.filter((n) => !has('outside_campaign').includes(n) || has('called_by_company').includes(n)),
    );
    await sql`UPDATE numbers SET global_status = 'COMPLAINED' WHERE id = ANY(${has('globally_blocked')})`.execute(t.db);
    for (const n of has('called_by_company')) await reports.report(co, [{ number_id: n, status: 'MISSED' }], () => '');
    for (const n of has('cooling_down').filter((n) => !has('called_by_company').includes(n))) {
      await reports.report(other, [{ number_id: n, status: 'BUSY' }], () => '');
    }
    await sql`UPDATE numbers SET assigned_at = ${clock.now()}, assigned_company_id = ${other.id} WHERE id = ANY(${has('locked')})`.execute(
      t.db,
    );
    const d = await dispatch.diagnostics(co, camp.id);
    for (const reason of EXCLUSION_ORDER) expect(d[reason] - before[reason], reason).toBe(1);
    expect(d.available - before.available).toBe(1);
    // The walk agrees: only the last number is handed out, the first three are passed for good.
    expect(await ids(co, 10, camp.id)).toEqual([nums.at(-1)]);
  });

  it("counts a number this company called inside the cooldown as called by this company, not as another company's cooldown", async () => {
    const co = await makeCompany(t.db);
    const other = await makeCompany(t.db);
    const before = await dispatch.diagnostics(co);
    const [ours, theirs] = await makeNumbers(t.db, freshPhones(2));
    // Both called a minute ago: each inside every cooldown.
    await reports.report(co, [{ number_id: ours, status: 'BUSY' }], () => '');
    await reports.report(other, [{ number_id: theirs, status: 'BUSY' }], () => '');
    const d = await dispatch.diagnostics(co);
    expect(d.called_by_company - before.called_by_company).toBe(1);
    expect(d.cooling_down - before.cooling_down).toBe(1);
    expect(d.total - before.total).toBe(2);
    // And the other company sees the mirror image.
    const o = await dispatch.diagnostics(other);
    const oBefore = { called: o.called_by_company, cooling: o.cooling_down };
    const [third] = await makeNumbers(t.db, freshPhones(1));
    await reports.report(co, [{ number_id: third, status: 'BUSY' }], () => '');
    const o2 = await dispatch.diagnostics(other);
    expect(o2.cooling_down - oBefore.cooling).toBe(1);
    expect(o2.called_by_company - oBefore.called).toBe(0);
  });
});
