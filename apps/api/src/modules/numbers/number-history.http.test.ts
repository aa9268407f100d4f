import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, makeUser } from '../../../test/factories';
import { encodeHistoryCursor } from './history-cursor';

describe(`GET /api/numbers/{id}/history (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  let dialerA: string;
  let dialerB: string;

  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
  const report = async (token: string, results: object[]) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/dialer/report-results', headers: bearer(token), payload: { results } });
    expect(r.statusCode, r.body).toBe(200);
  };
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
    const token = async (admin: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(admin), payload: { name: 'history' } })).json()
        .token as string;
    dialerA = await token(w.adminA.token);
    dialerB = await token(w.adminB.token);
  });
  afterAll(() => t.close());

  it('answers the number with both statuses and every result of this company, newest first, with what the dialer stored', async () => {
    const [id] = await makeNumbers(t.db, freshPhones(1));
    await report(dialerA, [
      { number_id: id, status: 'MISSED', reason: 'no_answer', attempted_at: minutesAgo(30), agent_id: w.agentA.id },
      {
        number_id: id,
        status: 'CONNECTED',
        reason: 'answered',
        attempted_at: minutesAgo(10),
        agent_id: w.agentA.id,
        user_message: 'call me later',
        duration_seconds: 42,
        call_sid: 'CA-1',
        transcript: 'Hello, this is a test transcript.',
        summary: 'Interested, call back.',
        recording_url: 'https://recordings.example/1.mp3',
      },
    ]);
    const r = await get(`/api/numbers/${id}/history`, w.adminA.token);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.number).toMatchObject({ id, global_status: 'ACTIVE', status: 'CONNECTED', total_attempts: 2 });
    expect(body.next_cursor).toBeNull();
    expect(body.items.map((x: { status: string }) => x.status)).toEqual(['CONNECTED', 'MISSED']);
    expect(body.items[0]).toMatchObject({
      number_id: id,
      source: 'dialer',
      reason: 'answered',
      agent_id: w.agentA.id,
      agent_name: expect.any(String),
      user_message: 'call me later',
      duration_seconds: 42,
      call_sid: 'CA-1',
      transcript: 'Hello, this is a test transcript.',
      summary: 'Interested, call back.',
      recording_url: 'https://recordings.example/1.mp3',
      transferred: false,
      attempted_at: expect.stringMatching(/\+03:30$/),
    });
    expect(body.items[1]).toMatchObject({ reason: 'no_answer', transcript: null, summary: null, recording_url: null });
  });

  it('pages through all results by cursor with none missing or repeated', async () => {
    const [id] = await makeNumbers(t.db, freshPhones(1));
    await report(
      dialerA,
      Array.from({ length: 7 }, (_, i) => ({ number_id: id, status: 'BUSY', attempted_at: minutesAgo(100 - i), user_message: `m${i}` })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/numbers/${id}/history?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(url, w.adminA.token)).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((x: { user_message: string }) => x.user_message));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    // Exactly a page's worth: the last page has no cursor.
    const exact = (await get(`/api/numbers/${id}/history?limit=7`, w.adminA.token)).json();
    expect(exact.items).toHaveLength(7);
    expect(exact.next_cursor).toBeNull();
  });

  it("never shows another company's results for the same pooled number", async () => {
    const [id] = await makeNumbers(t.db, freshPhones(1));
    await report(dialerA, [{ number_id: id, status: 'CONNECTED', transcript: 'secret of A', attempted_at: minutesAgo(5) }]);
    const b = await get(`/api/numbers/${id}/history`, w.adminB.token);
    expect(b.statusCode).toBe(200);
    expect(b.json().items).toEqual([]);
    expect(b.json().number).toMatchObject({ id, status: 'IN_QUEUE', total_attempts: 0 });
    expect(b.body).not.toContain('secret of A');
    // B's own result is all B sees, and A does not see it.
    await report(dialerB, [{ number_id: id, status: 'MISSED', user_message: 'from B', attempted_at: minutesAgo(1) }]);
    expect(
      (await get(`/api/numbers/${id}/history`, w.adminB.token)).json().items.map((x: { user_message: string }) => x.user_message),
    ).toEqual(['from B']);
    const a = (await get(`/api/numbers/${id}/history`, w.adminA.token)).json();
    expect(a.items).toHaveLength(1);
    expect(a.items[0].transcript).toBe('secret of A');
    // A cursor naming a result of A's, replayed by B, shows nothing of A's either.
    const replay = await get(`/api/numbers/${id}/history?cursor=${encodeHistoryCursor(a.items[0].id + 1)}`, w.adminB.token);
    expect(replay.json().items.every((x: { user_message: string | null }) => x.user_message === 'from B')).toBe(true);
  });

  it('agents see the history of their own numbers only (404 otherwise)', async () => {
    const [mine, other] = await makeNumbers(t.db, freshPhones(2));
    const agent2 = await makeUser(t.db, { company: w.companyA, role: 'AGENT' });
    await report(dialerA, [
      { number_id: mine, status: 'MISSED', agent_id: w.agentA.id, attempted_at: minutesAgo(3) },
      { number_id: other, status: 'MISSED', agent_id: agent2.id, attempted_at: minutesAgo(3) },
    ]);
    const r = await get(`/api/numbers/${mine}/history`, w.agentA.token);
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toHaveLength(1);
    expect((await get(`/api/numbers/${other}/history`, w.agentA.token)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/numbers/${mine}/history` })).statusCode).toBe(401);
  });

  it('answers 404 for a number not in the pool', async () => {
    const r = await get('/api/numbers/2147483000/history', w.adminA.token);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['cursor=abc!', 'cursor'],
    ['cursor=', 'cursor'],
    [`cursor=${Buffer.from('r0').toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from('x12').toString('base64url')}`, 'cursor'],
    [`cursor=${'a'.repeat(65)}`, 'cursor'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=two', 'limit'],
  ])('?%s → 400 naming %s', async (query, field) => {
    const [id] = await makeNumbers(t.db, freshPhones(1));
    await expectFieldError(t.app, { method: 'GET', url: `/api/numbers/${id}/history?${query}`, headers: bearer(w.adminA.token) }, field);
  });

  it('a bad id is 400 naming id', async () => {
    await expectFieldError(t.app, { method: 'GET', url: '/api/numbers/abc/history', headers: bearer(w.adminA.token) }, 'id');
  });
});
