import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, loginAs, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, makeUser } from '../../../test/factories';
import { fixedClock } from '../../lib/time';

const ALL_WEEK = Array.from({ length: 7 }, (_, d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));

describe(`outbound lines (${ENGINE})`, () => {
  // A Wednesday morning in Tehran.
  const clock = fixedClock('2026-05-13T06:00:00Z');
  let t: TestApp;
  let w: World;
  let dialerA: string;
  let dialerB: string;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const create = async (token: string, body: object) => {
    const r = await req('POST', '/api/lines', token, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
    dialerA = (await req('POST', '/api/dialer/tokens', w.adminA.token, { name: 'A' })).json().token;
    dialerB = (await req('POST', '/api/dialer/tokens', w.adminB.token, { name: 'B' })).json().token;
    for (const admin of [w.adminA, w.adminB]) {
      expect((await req('PUT', '/api/schedule', admin.token, { windows: ALL_WEEK, skip_holidays: false })).statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('creates lines in E.164 from national input in the company region, unique across the whole system', async () => {
    const a = await create(w.adminA.token, { phone_number: '021 8888 1234', display_name: 'Tehran office' });
    expect(a).toMatchObject({
      phone_number: '+982188881234',
      display_name: 'Tehran office',
      is_active: true,
      owner: null,
      assigned_agent: null,
      health: { calls_24h: 0, connect_rate_24h: null, last_100_calls: 0, last_100_connect_rate: null, resting_until: null },
    });
    expect(a.created_at).toMatch(/\+03:30$/);
    // Company B is Israeli: national input reads as +972.
    const b = await create(w.adminB.token, { phone_number: '03-555-1234', display_name: 'TLV' });
    expect(b.phone_number).toBe('+97235551234');
    // The same number in another spelling, in another company: 409 naming the field.
    const dup = await expectFieldError(
      t.app,
      {
        method: 'POST',
        url: '/api/lines',
        headers: bearer(w.adminB.token),
        payload: { phone_number: '+98 21 8888 1234', display_name: 'x' },
      },
      'phone_number',
      409,
    );
    expect(dup.phone_number).toBe('already a line');
    // An edit to a taken phone is refused too, and changes nothing.
    await expectFieldError(
      t.app,
      { method: 'PUT', url: `/api/lines/${b.id}`, headers: bearer(w.adminB.token), payload: { phone_number: '+982188881234' } },
      'phone_number',
      409,
    );
    expect((await req('GET', `/api/lines/${b.id}`, w.adminB.token)).json().phone_number).toBe('+97235551234');
  });

  it.each([
    [{ phone_number: 'abc', display_name: 'x' }, 'phone_number'],
    [{ phone_number: '0912', display_name: 'x' }, 'phone_number'],
    [{ phone_number: '', display_name: 'x' }, 'phone_number'],
    [{ phone_number: '09121234567' }, 'display_name'],
    [{ phone_number: '09121234567', display_name: '' }, 'display_name'],
    [{ phone_number: '09121234567', display_name: 'x', assigned_agent_id: 'one' }, 'assigned_agent_id'],
    [{ phone_number: '09121234567', display_name: 'x', bogus: 1 }, 'bogus'],
  ])('POST %j → 400 naming %s', async (payload, field) => {
    await expectFieldError(t.app, { method: 'POST', url: '/api/lines', headers: bearer(w.adminA.token), payload }, field);
  });

  it('owner and agent must be of the same company; an agent has one line; agents see theirs in mine', async () => {
    const agent = await makeUser(t.db, { company: w.companyA, role: 'AGENT' });
    const agentToken = await loginAs(t.app, agent.username, agent.password);
    const inactive = await makeUser(t.db, { company: w.companyA, role: 'AGENT', isActive: false });
    const agentB = await makeUser(t.db, { company: w.companyB, role: 'AGENT' });
    const line = await create(w.adminA.token, { phone_number: '09121000001', display_name: 'Sales 1', owner_user_id: w.adminA.id });
    expect(line.owner).toEqual({ id: w.adminA.id, full_name: w.adminA.username });
    const other = await create(w.adminA.token, { phone_number: '09121000002', display_name: 'Sales 2' });

    // The assign dialog's list: active agents without a line.
    const free = (await req('GET', '/api/lines/free-agents', w.adminA.token)).json().items.map((x: { id: number }) => x.id);
    expect(free).toContain(agent.id);
    expect(free).not.toContain(inactive.id);
    expect(free).not.toContain(agentB.id);
    expect(free).not.toContain(w.adminA.id);

    const assign = (id: number, agentId: number) =>
      t.app.inject({ method: 'POST', url: `/api/lines/${id}/assign`, headers: bearer(w.adminA.token), payload: { agent_id: agentId } });
    // Another company's agent is as if it did not exist; an admin or an inactive agent is refused.
    expect((await assign(line.id, agentB.id)).statusCode).toBe(404);
    expect((await assign(line.id, w.adminA.id)).statusCode).toBe(400);
    expect((await assign(line.id, inactive.id)).json().error.fields).toHaveProperty('agent_id');
    expect((await assign(line.id, 99999999)).statusCode).toBe(404);
    await expectFieldError(
      t.app,
      {
        method: 'POST',
        url: '/api/lines',
        headers: bearer(w.adminA.token),
        payload: { phone_number: '09121000009', display_name: 'x', owner_user_id: w.adminB.id },
      },
      'owner_user_id',
      404,
    );

    const ok = await assign(line.id, agent.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assigned_agent).toEqual({ id: agent.id, full_name: agent.username });
    expect((await req('GET', '/api/lines/free-agents', w.adminA.token)).json().items.map((x: { id: number }) => x.id)).not.toContain(
      agent.id,
    );
    // One line per agent.
    const second = await assign(other.id, agent.id);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.fields).toHaveProperty('agent_id');

    // The agent sees the line assigned to them, the admin the one they own; nobody else's.
    const mine = await req('GET', '/api/lines/mine', agentToken);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((l: { id: number }) => l.id)).toEqual([line.id]);
    expect((await req('GET', '/api/lines/mine', w.adminA.token)).json().items.map((l: { id: number }) => l.id)).toEqual([line.id]);
    expect((await req('GET', '/api/lines/mine', w.adminB.token)).json().items).toEqual([]);

    const un = await req('POST', `/api/lines/${line.id}/unassign`, w.adminA.token);
    expect(un.json()).toMatchObject({ assigned_agent_id: null, assigned_agent: null });
    expect((await req('GET', '/api/lines/mine', agentToken)).json().items).toEqual([]);
    expect((await assign(other.id, agent.id)).statusCode).toBe(200);
  });

  it('two concurrent assigns of one agent: one wins, the other is 409', async () => {
    const agent = await makeUser(t.db, { company: w.companyA, role: 'AGENT' });
    const l1 = await create(w.adminA.token, { phone_number: '09121000011', display_name: 'C1' });
    const l2 = await create(w.adminA.token, { phone_number: '09121000012', display_name: 'C2' });
    const codes = await Promise.all(
      [l1, l2].map(async (l) => (await req('POST', `/api/lines/${l.id}/assign`, w.adminA.token, { agent_id: agent.id })).statusCode),
    );
    expect(codes.sort()).toEqual([200, 409]);
    const rows = await t.db.selectFrom('outbound_lines').select('id').where('assigned_agent_id', '=', agent.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("another company's lines are not seen: list, get, edit, delete, assign answer as if they did not exist", async () => {
    const a = await create(w.adminA.token, { phone_number: '09121000021', display_name: 'Only A' });
    const list = (await req('GET', '/api/lines?limit=500', w.adminB.token)).json();
    expect(list.items.map((l: { id: number }) => l.id)).not.toContain(a.id);
    expect((await req('GET', `/api/lines/${a.id}`, w.adminB.token)).statusCode).toBe(404);
    expect((await req('PUT', `/api/lines/${a.id}`, w.adminB.token, { display_name: 'mine now' })).statusCode).toBe(404);
    expect((await req('POST', `/api/lines/${a.id}/unassign`, w.adminB.token)).statusCode).toBe(404);
    expect((await req('DELETE', `/api/lines/${a.id}`, w.adminB.token)).statusCode).toBe(404);
    expect((await req('GET', `/api/lines/${a.id}`, w.adminA.token)).json().display_name).toBe('Only A');
    // A superuser may act in B with company=…, and sees B's lines only.
    const su = (await req('GET', `/api/lines?company=${w.companyB.name}`, w.superuser.token)).json();
    expect(su.items.every((l: { phone_number: string }) => l.phone_number.startsWith('+972'))).toBe(true);
  });

  it('agents get 403 on management, anonymous callers 401', async () => {
    expect((await req('GET', '/api/lines', w.agentA.token)).statusCode).toBe(403);
    expect((await req('POST', '/api/lines', w.agentA.token, { phone_number: '09121000031', display_name: 'x' })).statusCode).toBe(403);
    expect((await req('GET', '/api/lines/rest-rule', w.agentA.token)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/lines/mine' })).statusCode).toBe(401);
  });

  it('lists with search, the active filter and pages', async () => {
    const co = (await req('GET', '/api/lines?search=Sales', w.adminA.token)).json();
    expect(co.items.map((l: { display_name: string }) => l.display_name)).toEqual(['Sales 1', 'Sales 2']);
    expect(co.total).toBe(2);
    const byPhone = (await req('GET', '/api/lines?search=1000002', w.adminA.token)).json();
    expect(byPhone.items.map((l: { display_name: string }) => l.display_name)).toEqual(['Sales 2']);
    const page = (await req('GET', '/api/lines?search=Sales&skip=1&limit=1', w.adminA.token)).json();
    expect(page).toMatchObject({ skip: 1, limit: 1, total: 2 });
    expect(page.items).toHaveLength(1);
    await expectFieldError(t.app, { method: 'GET', url: '/api/lines?is_active=maybe', headers: bearer(w.adminA.token) }, 'is_active');
  });

  describe('caller IDs in next-batch, reports, health and resting (company B)', () => {
    let lines: Array<{ id: number; phone_number: string }>;
    let agent: { id: number };

    beforeAll(async () => {
      // B's lines: the one made above, and three more; one inactive.
      for (const [i, p] of ['03-555-2001', '03-555-2002', '03-555-2003'].entries())
        await create(w.adminB.token, { phone_number: p, display_name: `TLV ${i + 2}` });
      const all = (await req('GET', '/api/lines', w.adminB.token)).json().items;
      const last = all.at(-1);
      await req('PUT', `/api/lines/${last.id}`, w.adminB.token, { is_active: false });
      lines = all.slice(0, -1).map((l: { id: number; phone_number: string }) => ({ id: l.id, phone_number: l.phone_number }));
      agent = await makeUser(t.db, { company: w.companyB, role: 'AGENT', phone: '050-111-2222' });
      expect((await req('POST', `/api/lines/${lines[1]!.id}/assign`, w.adminB.token, { agent_id: agent.id })).statusCode).toBe(200);
      await makeNumbers(t.db, freshPhones(60));
    });

    it('every dispatched number carries a caller ID, rotated evenly over the active lines; the agent gets theirs', async () => {
      const counts = new Map<number, number>();
      for (let i = 0; i < 4; i++) {
        const r = await req('GET', '/api/dialer/next-batch?size=6', dialerB);
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json();
        expect(body.call_allowed).toBe(true);
        for (const n of body.batch.numbers) {
          expect(lines).toContainEqual(n.outbound_line);
          counts.set(n.outbound_line.id, (counts.get(n.outbound_line.id) ?? 0) + 1);
        }
        expect(body.active_agents.find((a: { id: number }) => a.id === agent.id).outbound_line).toEqual(lines[1]);
      }
      // 24 numbers over 3 lines: 8 each.
      expect([...counts.values()]).toEqual([8, 8, 8]);
      // A's dialer gets A's lines only.
      const a = (await req('GET', '/api/dialer/next-batch?size=3', dialerA)).json();
      for (const n of a.batch.numbers) expect(n.outbound_line.phone_number).toMatch(/^\+98/);
    });

    it("report-result takes the company's own line only; health and the breakdown count the calls", async () => {
      const [n] = await makeNumbers(t.db, freshPhones(1));
      const aLine = (await req('GET', '/api/lines', w.adminA.token)).json().items[0];
      const bad = await req('POST', '/api/dialer/report-result', dialerB, { number_id: n, status: 'MISSED', outbound_line_id: aLine.id });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty('outbound_line_id');
      const bulk = await req('POST', '/api/dialer/report-results', dialerB, {
        results: [
          { number_id: n, status: 'MISSED', outbound_line_id: lines[0]!.id },
          { number_id: n, status: 'MISSED', outbound_line_id: 99999999 },
        ],
      });
      expect(bulk.statusCode).toBe(400);
      expect(bulk.json().error.fields).toHaveProperty(['results.1.outbound_line_id']);

      for (const status of ['CONNECTED', 'MISSED', 'MISSED', 'CONNECTED']) {
        const r = await req('POST', '/api/dialer/report-result', dialerB, { number_id: n, status, outbound_line_id: lines[0]!.id });
        expect(r.statusCode, r.body).toBe(200);
      }
      const line = (await req('GET', `/api/lines/${lines[0]!.id}`, w.adminB.token)).json();
      expect(line.health).toMatchObject({ calls_24h: 4, connect_rate_24h: 0.5, last_100_calls: 4, last_100_connect_rate: 0.5 });
      const bd = (await req('GET', '/api/stats/breakdown?by=line&timeframe=today', w.adminB.token)).json();
      expect(bd.items).toContainEqual(expect.objectContaining({ key: lines[0]!.id, label: line.display_name, total: 4, connected: 2 }));
    });

    it('the rest rule rests a line with a low connect rate; rotation skips it until it wakes', async () => {
      expect((await req('GET', '/api/lines/rest-rule', w.adminB.token)).json()).toEqual({
        line_rest_below_connect_rate: null,
        line_rest_hours: 24,
        line_rest_window_calls: 100,
      });
      await expectFieldError(
        t.app,
        { method: 'PUT', url: '/api/lines/rest-rule', headers: bearer(w.adminB.token), payload: { line_rest_below_connect_rate: 2 } },
        'line_rest_below_connect_rate',
      );
      await expectFieldError(
        t.app,
        { method: 'PUT', url: '/api/lines/rest-rule', headers: bearer(w.adminB.token), payload: { line_rest_window_calls: 5 } },
        'line_rest_window_calls',
      );
      const target = lines[2]!;
      const numbers = await makeNumbers(t.db, freshPhones(10));
      for (const [i, n] of numbers.entries()) {
        const status = i === 0 ? 'CONNECTED' : 'MISSED';
        expect(
          (await req('POST', '/api/dialer/report-result', dialerB, { number_id: n, status, outbound_line_id: target.id })).statusCode,
        ).toBe(200);
      }
      // Off by default: nothing rests.
      expect(await t.services.lines.restLowConnectLines()).toBe(0);
      const rule = await req('PUT', '/api/lines/rest-rule', w.adminB.token, {
        line_rest_below_connect_rate: 0.2,
        line_rest_window_calls: 10,
        line_rest_hours: 6,
      });
      expect(rule.json()).toEqual({ line_rest_below_connect_rate: 0.2, line_rest_hours: 6, line_rest_window_calls: 10 });
      // Line 0 has a 50 % rate over 4 calls (fewer than the window): it does not rest; the target (10 %) does.
      expect(await t.services.lines.restLowConnectLines()).toBe(1);
      const rested = (await req('GET', `/api/lines/${target.id}`, w.adminB.token)).json();
      expect(rested.health.resting_until).toBe('2026-05-13T15:00:00.000+03:00');
      expect(rested.health.rest_reason).toBe('connect rate 10% over the last 10 calls is below 20%');

      const used = new Set<number>();
      for (let i = 0; i < 3; i++) {
        for (const n of (await req('GET', '/api/dialer/next-batch?size=4', dialerB)).json().batch.numbers) used.add(n.outbound_line.id);
      }
      expect([...used].sort()).toEqual([lines[0]!.id, lines[1]!.id].sort());
      // A second check finds nothing new: the rest started a fresh window.
      expect(await t.services.lines.restLowConnectLines()).toBe(0);

      const woke = await req('POST', `/api/lines/${target.id}/wake`, w.adminB.token);
      expect(woke.json().health).toMatchObject({ resting_until: null, rest_reason: null });
      expect(await t.services.lines.restLowConnectLines()).toBe(0);
      await req('PUT', '/api/lines/rest-rule', w.adminB.token, { line_rest_below_connect_rate: null });
    });

    it('deleting a line keeps its calls, with no line', async () => {
      const doomed = lines[0]!;
      const before = await t.db.selectFrom('call_results').select('id').where('outbound_line_id', '=', doomed.id).execute();
      expect(before.length).toBeGreaterThan(0);
      expect((await req('DELETE', `/api/lines/${doomed.id}`, w.adminB.token)).statusCode).toBe(204);
      expect((await req('GET', `/api/lines/${doomed.id}`, w.adminB.token)).statusCode).toBe(404);
      const after = await t.db
        .selectFrom('call_results')
        .select(['id', 'outbound_line_id'])
        .where(
          'id',
          'in',
          before.map((r) => r.id),
        )
        .execute();
      expect(after).toHaveLength(before.length);
      expect(after.every((r) => r.outbound_line_id === null)).toBe(true);
      // The breakdown moves them to "no line".
      const bd = (await req('GET', '/api/stats/breakdown?by=line&timeframe=today', w.adminB.token)).json();
      expect(bd.items.map((x: { key: number | null }) => x.key)).not.toContain(doomed.id);
    });
  });

  it('a company without lines gets numbers without caller IDs', async () => {
    const admin = await makeUser(t.db, { company: w.companyA, role: 'ADMIN' });
    void admin;
    // Company A's lines all deactivated: the batch carries none.
    const all = (await req('GET', '/api/lines?limit=500', w.adminA.token)).json().items;
    for (const l of all) await req('PUT', `/api/lines/${l.id}`, w.adminA.token, { is_active: false });
    await makeNumbers(t.db, freshPhones(3));
    const r = (await req('GET', '/api/dialer/next-batch?size=3', dialerA)).json();
    expect(r.batch.numbers.length).toBeGreaterThan(0);
    for (const n of r.batch.numbers) expect(n).not.toHaveProperty('outbound_line');
    for (const a of r.active_agents) expect(a).not.toHaveProperty('outbound_line');
  });
});
