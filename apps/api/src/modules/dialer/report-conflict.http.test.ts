import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, unique } from '../../../test/factories';

describe(`a report_id reused with another body is a conflict (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
    token = (
      await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(w.adminA.token), payload: { name: 'conflicts' } })
    ).json().token;
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, payload });
  const resultsWith = async (reportId: string) =>
    t.db.selectFrom('call_results').select(['id', 'status']).where('report_id', '=', reportId).execute();

  it('report-result: the same body (nulls and absent fields alike) is a retry; another body answers 409 naming report_id', async () => {
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const report_id = unique('r-');
    const first = await post('/api/dialer/report-result', { number_id: n, status: 'BUSY', report_id, reason: 'busy' });
    expect(first.statusCode).toBe(200);
    const retry = await post('/api/dialer/report-result', { number_id: n, status: 'BUSY', report_id, reason: 'busy', summary: null });
    expect(retry.json()).toEqual({ ...first.json(), duplicate: true });
    const other = await post('/api/dialer/report-result', { number_id: n, status: 'CONNECTED', report_id, reason: 'busy' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'CONFLICT', fields: { report_id: 'already used for a different report' } });
    expect(await resultsWith(report_id)).toEqual([{ id: first.json().call_result_id, status: 'BUSY' }]);
  });

  it('the Idempotency-Key header is held to the same rule', async () => {
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const key = unique('k-');
    expect((await post('/api/dialer/report-result', { number_id: n, status: 'MISSED' }, { 'idempotency-key': key })).statusCode).toBe(200);
    const other = await post(
      '/api/dialer/report-result',
      { number_id: n, status: 'MISSED', duration_seconds: 3 },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(409);
  });

  it('report-results: a reused id with another body answers 409 naming the item, and the batch writes nothing', async () => {
    const phones = freshPhones(3);
    const known = unique('b-');
    expect(
      (await post('/api/dialer/report-results', { results: [{ phone_number: phones[0], status: 'MISSED', report_id: known }] })).statusCode,
    ).toBe(200);
    const fresh = unique('b-');
    const r = await post('/api/dialer/report-results', {
      results: [
        { phone_number: phones[1], status: 'MISSED', report_id: fresh },
        { phone_number: phones[0], status: 'HANGUP', report_id: known },
      ],
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields).toEqual({ 'results.1.report_id': 'already used for a different report' });
    expect(await resultsWith(fresh)).toEqual([]);
    // The same body again is still a plain retry.
    const again = await post('/api/dialer/report-results', { results: [{ phone_number: phones[0], status: 'MISSED', report_id: known }] });
    expect(again.json().items[0].duplicate).toBe(true);
  });

  it('report-results: one id twice in a batch with different bodies answers 409', async () => {
    const [p1, p2] = freshPhones(2);
    const id = unique('d-');
    const r = await post('/api/dialer/report-results', {
      results: [
        { phone_number: p1, status: 'MISSED', report_id: id },
        { phone_number: p2, status: 'MISSED', report_id: id },
      ],
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields).toEqual({ 'results.1.report_id': 'already used for a different report' });
    expect(await resultsWith(id)).toEqual([]);
  });
});
