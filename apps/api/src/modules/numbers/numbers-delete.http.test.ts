import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NumberResponse } from '@dialdeck/contracts/numbers';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones } from '../../../test/factories';
import { systemClock } from '../../lib/time';
import { REPORTED_CALL } from './call-result-rules';
import { CallResultsRepository } from './call-results.repository';

describe(`deletes in the shared pool over HTTP (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  const pooledCount = async (phones: string[]) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM numbers WHERE phone_number = ANY(${phones}::text[])`.execute(t.db)).rows[0]!.n;

  const idsOf = async (phones: string[]) =>
    (await t.db.selectFrom('numbers').select('id').where('phone_number', 'in', phones).orderBy('id').execute()).map((r) => r.id);

  it("the probe: B's select_all delete and single deletes leave A's 49 uploaded, never-called numbers", async () => {
    const phonesA = freshPhones(49);
    expect((await call('POST', '/api/numbers', w.adminA.token, { numbers: phonesA })).json()).toMatchObject({ added: 49 });
    // Company B's region is IL: its admin gives Iranian numbers in international form.
    const phonesB = freshPhones(3);
    const asIntl = (ps: string[]) => ps.map((p) => `+98${p.slice(1)}`);
    expect((await call('POST', '/api/numbers', w.adminB.token, { numbers: asIntl(phonesB) })).json()).toMatchObject({ added: 3 });

    const bulk = await call('POST', '/api/numbers/bulk', w.adminB.token, { action: 'delete', select_all: true });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().affected).toBeGreaterThanOrEqual(3);
    expect(await pooledCount(phonesA)).toBe(49);
    expect(await pooledCount(phonesB)).toBe(0);

    const idsA = await idsOf(phonesA);
    for (const id of idsA.slice(0, 5)) expect((await call('DELETE', `/api/numbers/${id}`, w.adminB.token)).statusCode).toBe(204);
    const byIds = await call('POST', '/api/numbers/bulk', w.adminB.token, { action: 'delete', ids: idsA });
    expect(byIds.json()).toEqual({ affected: 0 });
    const except = await call('POST', '/api/numbers/bulk', w.adminB.token, { action: 'delete', select_all: true, excluded_ids: [idsA[0]] });
    expect(except.statusCode).toBe(200);
    expect(await pooledCount(phonesA)).toBe(49);
    expect((await call('GET', `/api/numbers?search=${phonesA[7]}`, w.adminA.token)).json().items).toHaveLength(1);
  });

  it("a superuser's delete removes a number outright, whoever added it", async () => {
    const phones = freshPhones(2);
    expect((await call('POST', '/api/numbers', w.adminB.token, { numbers: phones.map((p) => `+98${p.slice(1)}`) })).json()).toMatchObject({
      added: 2,
    });
    const [one, two] = await idsOf(phones);
    const r = await call('DELETE', `/api/numbers/${one}`, w.superuser.token);
    expect(r.statusCode, r.body).toBe(204);
    expect((await call('POST', '/api/numbers/bulk', w.superuser.token, { action: 'delete', ids: [two] })).json()).toEqual({ affected: 1 });
    expect(await pooledCount(phones)).toBe(0);
  });

  it('a delete of a final status by an admin is 403; of a missing number 404', async () => {
    const phones = freshPhones(1);
    await call('POST', '/api/numbers', w.adminA.token, { numbers: phones });
    const [id] = await idsOf(phones);
    await new CallResultsRepository(t.db).record(
      w.companyA.id,
      [{ numberId: id!, status: 'CONNECTED', attemptedAt: new Date() }],
      new Date(),
    );
    expect((await call('DELETE', `/api/numbers/${id}`, w.adminA.token)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/numbers/2147483647', w.adminA.token)).statusCode).toBe(404);
    expect(await pooledCount(phones)).toBe(1);
  });

  it('a list shows when another company last called a number, never which company', async () => {
    const phones = freshPhones(1);
    await call('POST', '/api/numbers', w.adminA.token, { numbers: phones });
    const [id] = await idsOf(phones);
    const now = systemClock.now();
    await new CallResultsRepository(t.db).record(w.companyA.id, [{ numberId: id!, status: 'MISSED', attemptedAt: now }], now, t.db, {
      effects: REPORTED_CALL,
    });
    const r = await call('GET', `/api/numbers?search=${phones[0]}`, w.adminB.token);
    const [row] = r.json().items as Record<string, unknown>[];
    expect(row!.last_called_at).not.toBeNull();
    expect(row!.status).toBe('IN_QUEUE');
    expect(Object.keys(row!).sort()).toEqual(Object.keys(NumberResponse.shape).sort());
    expect(JSON.stringify(r.json())).not.toMatch(/compan/i);
  });
});
