import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { buildApp } from '../../app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, makeUser } from '../../../test/factories';
import { fixedClock } from '../../lib/time';

const ALL_WEEK = Array.from({ length: 7 }, (_, d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));

describe(`dialer routes (${ENGINE})`, () => {
  // A Wednesday morning in Tehran.
  const clock = fixedClock('2026-05-13T06:00:00Z');
  let t: TestApp;
  let w: World;
  let tokenA: string;
  let tokenB: string;

  const req = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    token: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => t.app.inject({ method, url, headers: { ...bearer(token), ...headers }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
    const a = await req('POST', '/api/dialer/tokens', w.adminA.token, { name: 'Asterisk A' });
    expect(a.statusCode).toBe(201);
    tokenA = a.json().token;
    tokenB = (await req('POST', '/api/dialer/tokens', w.adminB.token, { name: 'B' })).json().token;
  });
  afterAll(() => t.close());
  /** Another server process on the same database, with its own in-memory caches. */
  const secondProcess = () =>
    buildApp({
      config: { secretKey: 'test-secret-test-secret-test-secret-0000', webDist: '/nonexistent', logLevel: 'silent' },
      db: t.db,
      clock,
      logger: false,
    });

  it('creates a token shown once, lists it without the secret, and a revoked token stops at once', async () => {
    const created = await req('POST', '/api/dialer/tokens', w.adminA.token, { name: 'temp' });
    expect(created.json()).toMatchObject({ name: 'temp', token: expect.stringMatching(/^ddt_[A-Za-z0-9_-]{40,}$/) });
    const list = await req('GET', '/api/dialer/tokens', w.adminA.token);
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['Asterisk A', 'temp']);
    expect(list.body).not.toContain(created.json().token);
    expect((await req('GET', '/api/dialer/next-batch', created.json().token)).statusCode).toBe(200);
    const used = (await req('GET', '/api/dialer/tokens', w.adminA.token)).json().items.find((x: { name: string }) => x.name === 'temp');
    expect(used.last_used_at).toMatch(/\+03:30$/);
    expect((await req('DELETE', `/api/dialer/tokens/${created.json().id}`, w.adminA.token)).statusCode).toBe(204);
    expect((await req('GET', '/api/dialer/next-batch', created.json().token)).statusCode).toBe(401);
    expect((await req('DELETE', `/api/dialer/tokens/${created.json().id}`, w.adminA.token)).statusCode).toBe(404);
    // Another company's token id is not found, agents may not manage tokens.
    const bList = (await req('GET', '/api/dialer/tokens', w.adminB.token)).json().items;
    expect((await req('DELETE', `/api/dialer/tokens/${bList[0].id}`, w.adminA.token)).statusCode).toBe(404);
    expect((await req('GET', '/api/dialer/tokens', w.agentA.token)).statusCode).toBe(403);
    expect((await req('POST', '/api/dialer/tokens', w.adminA.token, { name: '' })).statusCode).toBe(400);
  });

  it('a user token is refused on dialer routes and a dialer token on user routes (401)', async () => {
    expect((await req('GET', '/api/dialer/next-batch', w.adminA.token)).statusCode).toBe(401);
    expect(
      (await req('POST', '/api/dialer/report-result', w.adminA.token, { phone_number: '09120000000', status: 'MISSED' })).statusCode,
    ).toBe(401);
    expect((await req('GET', '/api/auth/me', tokenA)).statusCode).toBe(401);
    expect((await req('GET', '/api/numbers', tokenA)).statusCode).toBe(401);
    expect((await req('GET', '/api/dialer/next-batch', 'ddt_not-a-real-token')).statusCode).toBe(401);
  });

  it('next-batch is refused with a reason and retry hint outside the schedule, then hands out numbers', async () => {
    const refused = await req('GET', '/api/dialer/next-batch', tokenA);
    expect(refused.json()).toMatchObject({ call_allowed: false, reason: 'no_window', retry_after_seconds: 900, timezone: 'Asia/Tehran' });
    const put = await req('PUT', '/api/schedule', w.adminA.token, { windows: ALL_WEEK, skip_holidays: false });
    expect(put.statusCode).toBe(200);
    await makeNumbers(t.db, freshPhones(30));
    const agent = await makeUser(t.db, { company: w.companyA, role: 'AGENT', phone: '09121110000' });
    const ok = await req('GET', '/api/dialer/next-batch?size=7', tokenA);
    const body = ok.json();
    expect(body).toMatchObject({
      call_allowed: true,
      schedule_version: put.json().config.version,
      batch: { size_requested: 7, size_returned: 7 },
    });
    expect(body.batch.numbers[0]).toEqual({ id: expect.any(Number), phone_number: expect.stringMatching(/^0/) });
    expect(body.active_agents).toContainEqual({ id: agent.id, full_name: agent.username, phone_number: '09121110000' });
    expect(body.active_agents.map((a: { id: number }) => a.id)).not.toContain(w.adminA.id);
  });

  it.each(['size=0', 'size=501', 'size=abc', 'campaign_id=x'])('next-batch ?%s → 400', async (q) => {
    const r = await req('GET', `/api/dialer/next-batch?${q}`, tokenA);
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.fields)[0]).toBe(q.split('=')[0]);
  });

  it('report-result records, answers duplicate: true for a retry (report_id or Idempotency-Key), and validates', async () => {
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const body = { number_id: n, status: 'CONNECTED', duration_seconds: 30, attempted_at: '2026-05-13T10:00:00+03:30', transcript: 'سلام' };
    const first = await req('POST', '/api/dialer/report-result', tokenA, body, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ number_id: n, duplicate: false });
    const retry = await req('POST', '/api/dialer/report-result', tokenA, body, { 'idempotency-key': 'k-1' });
    expect(retry.json()).toEqual({ ...first.json(), duplicate: true });
    const view = await req(
      'GET',
      `/api/numbers?search=${(await t.db.selectFrom('numbers').select('phone_number').where('id', '=', n!).executeTakeFirstOrThrow()).phone_number}`,
      w.adminA.token,
    );
    expect(view.json().items[0]).toMatchObject({ status: 'CONNECTED', total_attempts: 1 });

    for (const [bad, field] of [
      [{ status: 'MISSED' }, 'phone_number'],
      [{ phone_number: '09120000000', status: 'IN_QUEUE' }, 'status'],
      [{ phone_number: '09120000000', status: 'DONE' }, 'status'],
      [{ phone_number: '09120000000', status: 'MISSED', attempted_at: 'yesterday' }, 'attempted_at'],
      [{ phone_number: '09120000000', status: 'MISSED', duration_seconds: -1 }, 'duration_seconds'],
      [{ phone_number: '09120000000', status: 'MISSED', recording_url: 'ftp://x' }, 'recording_url'],
      [{ phone_number: 'abc', status: 'MISSED' }, 'phone_number'],
      [{ phone_number: '09120000000', status: 'MISSED', agent_id: 999999 }, 'agent_id'],
      [{ phone_number: '09120000000', status: 'MISSED', attempted_at: '2027-01-01T00:00:00Z' }, 'attempted_at'],
      [{ phone_number: '09120000000', status: 'MISSED', bogus: 1 }, 'bogus'],
    ] as const) {
      const r = await req('POST', '/api/dialer/report-result', tokenA, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.fields, JSON.stringify(bad)).toHaveProperty([field]);
    }
    const unknown = await req('POST', '/api/dialer/report-result', tokenA, { number_id: 99999999, status: 'MISSED' });
    expect(unknown.statusCode).toBe(404);
  });

  it('concurrent single reports are written together, yet each gets its own answer (unknown number 404, retry duplicate)', async () => {
    const ids = await makeNumbers(t.db, freshPhones(40));
    const send = (number_id: number, report_id: string) =>
      req('POST', '/api/dialer/report-result', tokenA, { number_id, status: 'BUSY', report_id });
    const answers = await Promise.all([
      ...ids.map((id) => send(id, `together-${id}`)),
      send(99999998, 'together-unknown'),
      send(ids[0]!, `together-${ids[0]}`), // the same report sent twice at once
    ]);
    expect(answers.slice(0, 40).every((r) => r.statusCode === 200)).toBe(true);
    expect(answers[40]!.statusCode).toBe(404);
    expect(answers[40]!.json().error.fields).toHaveProperty(['number_id']);
    const twice = [answers[0]!.json(), answers[41]!.json()];
    expect(twice.map((x) => x.duplicate).sort()).toEqual([false, true]);
    expect(twice[0].call_result_id).toBe(twice[1].call_result_id);
    const rows = await t.db.selectFrom('call_results').select(['number_id', 'id']).where('report_id', 'like', 'together-%').execute();
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.number_id))).toEqual(new Set(ids));
    for (const [i, id] of ids.entries())
      expect(answers[i]!.json()).toMatchObject({ number_id: id, duplicate: i === 0 ? expect.any(Boolean) : false });
  });

  it('report-result and next-batch take a recently verified token on trust only as far as their own statements confirm it: revoked by another process, refused at once', async () => {
    // A second server process on the same database: its cache cannot hear of the revocation.
    const other = await secondProcess();
    try {
      const created = (await req('POST', '/api/dialer/tokens', w.adminA.token, { name: 'cached' })).json();
      const nums = await makeNumbers(t.db, freshPhones(3));
      const report = (payload: object) =>
        other.inject({ method: 'POST', url: '/api/dialer/report-result', headers: bearer(created.token), payload });
      expect((await report({ number_id: nums[0], status: 'MISSED', report_id: 'cached-0' })).statusCode).toBe(200); // verified, remembered
      expect((await report({ number_id: nums[1], status: 'MISSED', report_id: 'cached-1' })).statusCode).toBe(200); // from memory
      const batch = () => other.inject({ method: 'GET', url: '/api/dialer/next-batch?size=1', headers: bearer(created.token) });
      expect((await batch()).statusCode).toBe(200);
      expect((await req('DELETE', `/api/dialer/tokens/${created.id}`, w.adminA.token)).statusCode).toBe(204);
      // next-batch confirms the token inside its transaction: refused, nothing leased.
      const leased = await t.db.selectFrom('dialer_batches').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect((await batch()).statusCode).toBe(401);
      expect((await t.db.selectFrom('dialer_batches').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(
        leased.n,
      );
      for (const payload of [
        { number_id: nums[2], status: 'MISSED', report_id: 'cached-2' },
        { number_id: nums[0], status: 'MISSED', report_id: 'cached-0' }, // a retry is no way around it
        { number_id: nums[2], status: 'MISSED', call_allowed: false }, // nor the transaction path
      ]) {
        const r = await report(payload);
        expect(r.statusCode, JSON.stringify(payload)).toBe(401);
      }
      const written = await t.db.selectFrom('call_results').select('report_id').where('number_id', 'in', nums).execute();
      expect(written.map((r) => r.report_id).sort()).toEqual(['cached-0', 'cached-1']);
      expect((await req('GET', '/api/schedule', w.adminA.token)).json().config.disabled_by_dialer).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('next-batch evaluates the schedule from memory only as far as its dispatch statement confirms it: changed by another process, obeyed at once', async () => {
    const other = await secondProcess();
    try {
      expect(
        (await req('PUT', '/api/schedule', w.adminA.token, { enabled: true, windows: ALL_WEEK, skip_holidays: false })).statusCode,
      ).toBe(200);
      await makeNumbers(t.db, freshPhones(2));
      const batch = async () =>
        (await other.inject({ method: 'GET', url: '/api/dialer/next-batch?size=1', headers: bearer(tokenA) })).json();
      const first = await batch(); // loads and remembers the schedule
      expect(first).toMatchObject({ call_allowed: true });
      expect(await batch()).toMatchObject({ call_allowed: true, schedule_version: first.schedule_version }); // from memory
      // Disabled through this process: the other one still remembers "enabled".
      expect((await req('PUT', '/api/schedule', w.adminA.token, { enabled: false })).statusCode).toBe(200);
      const leased = await t.db.selectFrom('dialer_batches').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(await batch()).toMatchObject({ call_allowed: false, reason: 'disabled', schedule_version: first.schedule_version + 1 });
      expect((await t.db.selectFrom('dialer_batches').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(
        leased.n,
      );
      // Enabled again: a refusal is never answered from memory either.
      expect((await req('PUT', '/api/schedule', w.adminA.token, { enabled: true })).statusCode).toBe(200);
      expect(await batch()).toMatchObject({ call_allowed: true, schedule_version: first.schedule_version + 2 });
    } finally {
      await other.close();
    }
  });

  it('report-results takes up to 500 at once and names the failing item', async () => {
    const phones = freshPhones(3);
    const ok = await req('POST', '/api/dialer/report-results', tokenA, {
      results: phones.map((p, i) => ({ phone_number: p, status: 'MISSED', report_id: `bulk-${i}` })),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(3);
    const again = await req('POST', '/api/dialer/report-results', tokenA, {
      results: phones.map((p, i) => ({ phone_number: p, status: 'MISSED', report_id: `bulk-${i}` })),
    });
    expect(again.json().items.every((x: { duplicate: boolean }) => x.duplicate)).toBe(true);
    const bad = await req('POST', '/api/dialer/report-results', tokenA, {
      results: [
        { phone_number: phones[0], status: 'MISSED' },
        { phone_number: phones[1], status: 'MISSED', agent_phone: '09127777777' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['results.1.agent_phone']);
    const tooMany = await req('POST', '/api/dialer/report-results', tokenA, {
      results: Array.from({ length: 501 }, () => ({ phone_number: phones[0], status: 'MISSED' })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect((await req('POST', '/api/dialer/report-results', tokenA, { results: [] })).statusCode).toBe(400);
  });

  it("call_allowed: false switches the company's calling off (refused as disabled, version bumped); true turns it back on", async () => {
    const before = (await req('GET', '/api/schedule', w.adminA.token)).json().config.version;
    await req('POST', '/api/dialer/report-result', tokenA, { phone_number: freshPhones(1)[0], status: 'MISSED', call_allowed: false });
    const off = (await req('GET', '/api/dialer/next-batch', tokenA)).json();
    expect(off).toMatchObject({ call_allowed: false, reason: 'disabled', retry_after_seconds: 300, schedule_version: before + 1 });
    expect((await req('GET', '/api/schedule', w.adminA.token)).json().config.disabled_by_dialer).toBe(true);
    // Company B is not affected by A's dialer.
    expect((await req('GET', '/api/dialer/next-batch', tokenB)).json().reason).toBe('no_window');
    await req('POST', '/api/dialer/report-result', tokenA, { phone_number: freshPhones(1)[0], status: 'MISSED', call_allowed: true });
    expect((await req('GET', '/api/dialer/next-batch', tokenA)).json()).toMatchObject({ call_allowed: true, schedule_version: before + 2 });
  });

  it('diagnostics explain the funnel and the schedule; admins only', async () => {
    const r = await req('GET', '/api/dialer/diagnostics', w.adminA.token);
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.total).toBe(d.globally_blocked + d.cooling_down + d.called_by_company + d.locked + d.outside_campaign + d.available);
    expect(d.schedule).toMatchObject({ call_allowed: true, reason: null, timezone: 'Asia/Tehran' });
    const b = (await req('GET', '/api/dialer/diagnostics', w.adminB.token)).json();
    expect(b.schedule).toMatchObject({ call_allowed: false, reason: 'no_window', next_allowed_at: null });
    expect((await req('GET', '/api/dialer/diagnostics', w.agentA.token)).statusCode).toBe(403);
    expect((await req('GET', '/api/dialer/diagnostics', tokenA)).statusCode).toBe(401);
    expect((await req('GET', '/api/dialer/diagnostics?campaign_id=999999', w.adminA.token)).statusCode).toBe(404);
  });
});
