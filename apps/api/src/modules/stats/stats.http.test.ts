import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers } from '../../../test/factories';
import { fixedClock } from '../../lib/time';

describe(`GET /api/stats/* (${ENGINE})`, () => {
  // A Wednesday morning in Tehran.
  const clock = fixedClock('2026-05-13T06:05:00Z');
  let t: TestApp;
  let w: World;
  let dialerA: string;
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
  const report = (token: string, body: object) =>
    t.app.inject({ method: 'POST', url: '/api/dialer/report-result', headers: bearer(token), payload: body });

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
    dialerA = (
      await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(w.adminA.token), payload: { name: 'A' } })
    ).json().token;
  });
  afterAll(() => t.close());

  it('a dialer report moves attempts-summary, the trend, the breakdown and numbers-summary at once', async () => {
    const before = (await get('/api/stats/attempts-summary?timeframe=today', w.adminA.token)).json();
    expect(before).toMatchObject({ total: 0, by_status: [], cost: { connected: 0, total: 0, currency: 'IRR' } });
    expect(before.as_of).toBe('2026-05-13T09:35:00.000+03:30');
    const ids = await makeNumbers(t.db, freshPhones(4)); // one stays in the queue
    for (const [i, status] of (['CONNECTED', 'MISSED', 'CONNECTED'] as const).entries()) {
      const r = await report(dialerA, {
        number_id: ids[i],
        status,
        duration_seconds: 10 * (i + 1),
        attempted_at: '2026-05-13T09:20:00+03:30',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const after = await get('/api/stats/attempts-summary?timeframe=today', w.adminA.token);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json()).toMatchObject({
      total: 3,
      by_status: [
        { status: 'CONNECTED', count: 2, percentage: 66.7 },
        { status: 'MISSED', count: 1, percentage: 33.3 },
      ],
    });
    const trend = (await get('/api/stats/attempt-trend?span=6h&granularity=hourly', w.adminA.token)).json();
    expect(trend.buckets).toHaveLength(6);
    expect(trend.buckets.at(-1)).toMatchObject({ timestamp: '2026-05-13T09:00:00.000+03:30', total: 3 });
    expect(trend.buckets[0]).toEqual({ timestamp: '2026-05-13T04:00:00.000+03:30', total: 0, by_status: [] });
    const byAgent = (await get('/api/stats/breakdown?by=agent&timeframe=1h', w.adminA.token)).json();
    expect(byAgent).toMatchObject({
      by: 'agent',
      timeframe: '1h',
      items: [{ key: null, label: 'No agent', total: 3, connected: 2, avg_duration_seconds: 20 }],
    });
    const numbers = (await get('/api/stats/numbers-summary?timeframe=today', w.adminA.token)).json();
    expect(numbers).toMatchObject({ total: 3 });
    const all = (await get('/api/stats/numbers-summary', w.adminA.token)).json();
    const pool = (await get('/api/numbers/stats', w.adminA.token)).json();
    expect(all.total).toBe(pool.total);
    expect(all.by_status.find((s: { status: string }) => s.status === 'IN_QUEUE').count).toBe(
      (await get('/api/numbers/stats?status=IN_QUEUE', w.adminA.token)).json().total,
    );
    // The drill-down of a timeframe: the numbers list filtered by when their status was set.
    const drill = (
      await get(`/api/numbers/stats?status=CONNECTED&status_changed_from=${encodeURIComponent(numbers.as_of.slice(0, 10))}`, w.adminA.token)
    ).json();
    expect(drill.total).toBe(numbers.by_status.find((s: { status: string }) => s.status === 'CONNECTED').count);
    // Company B sees none of it.
    expect((await get('/api/stats/attempts-summary?timeframe=all', w.adminB.token)).json().total).toBe(0);
  });

  it.each([
    ['/api/stats/numbers-summary?timeframe=2d', 'timeframe'],
    ['/api/stats/attempts-summary?timeframe=', 'timeframe'],
    ['/api/stats/attempts-summary?campaign_id=abc', 'campaign_id'],
    ['/api/stats/attempt-trend?span=1y', 'span'],
    ['/api/stats/attempt-trend?granularity=weekly', 'granularity'],
    ['/api/stats/breakdown', 'by'],
    ['/api/stats/breakdown?by=country', 'by'],
    ['/api/stats/breakdown?by=agent&timeframe=week', 'timeframe'],
    ['/api/numbers?status_changed_from=yesterday', 'status_changed_from'],
  ])('%s → 400 naming %s', async (url, field) => {
    await expectFieldError(t.app, { method: 'GET', url, headers: bearer(w.adminA.token) }, field);
  });

  it('an unknown campaign answers 404 naming campaign_id', async () => {
    await expectFieldError(
      t.app,
      { method: 'GET', url: '/api/stats/attempts-summary?campaign_id=987654', headers: bearer(w.adminA.token) },
      'campaign_id',
      404,
    );
  });

  it('agents get 403; no token 401; a superuser reads another company with company=, an admin may not', async () => {
    for (const path of ['numbers-summary', 'attempts-summary', 'attempt-trend', 'breakdown?by=agent']) {
      expect((await get(`/api/stats/${path}`, w.agentA.token)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: `/api/stats/${path}` })).statusCode).toBe(401);
    }
    const ids = await makeNumbers(t.db, freshPhones(1));
    const dialerB = (
      await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(w.adminB.token), payload: { name: 'B' } })
    ).json().token;
    expect((await report(dialerB, { number_id: ids[0], status: 'BUSY' })).statusCode).toBe(200);
    const asSuper = await get(`/api/stats/attempts-summary?timeframe=all&company=${w.companyB.name}`, w.superuser.token);
    expect(asSuper.statusCode, asSuper.body).toBe(200);
    expect(asSuper.json()).toMatchObject({
      total: 1,
      by_status: [{ status: 'BUSY', count: 1, percentage: 100 }],
      cost: { currency: 'ILS' },
    });
    // Jerusalem's offset in May.
    expect(asSuper.json().as_of).toMatch(/\+03:00$/);
    expect((await get(`/api/stats/attempts-summary?company=${w.companyB.name}`, w.adminA.token)).statusCode).toBe(404);
  });
});
