import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, multipart, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers } from '../../../test/factories';
import { systemClock } from '../../lib/time';
import { CallResultsRepository } from './call-results.repository';
import { EXPORT_COLUMNS } from './numbers-export';

describe(`numbers routes (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const upload = (body: ReturnType<typeof multipart>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/numbers/upload',
      headers: { ...bearer(w.adminA.token), ...body.headers },
      payload: body.payload,
    });

  it('agents may list, count and set status, but nothing else (403)', async () => {
    expect((await call('GET', '/api/numbers', w.agentA.token)).statusCode).toBe(200);
    expect((await call('GET', '/api/numbers/stats', w.agentA.token)).statusCode).toBe(200);
    expect((await call('POST', '/api/numbers', w.agentA.token, { numbers: '09120000000' })).statusCode).toBe(403);
    expect((await call('POST', '/api/numbers/bulk', w.agentA.token, { action: 'reset', ids: [1] })).statusCode).toBe(403);
    expect((await call('POST', '/api/numbers/export', w.agentA.token, { select_all: true })).statusCode).toBe(403);
    expect((await call('POST', '/api/numbers/1/reset', w.agentA.token)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/numbers/1', w.agentA.token)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/numbers' })).statusCode).toBe(401);
  });

  it('POST /api/numbers adds text and arrays and answers the summary', async () => {
    const [p1, p2] = freshPhones(2);
    const r = await call('POST', '/api/numbers', w.adminA.token, { numbers: `${p1}\n${p2},${p1}\nxyz` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ added: 2, duplicates: 1, invalid: 1, errors: [{ value: 'xyz', reason: 'contains letters', line: 3 }] });
  });

  it.each([
    [{}, 'numbers'],
    [{ numbers: 42 }, 'numbers'],
    [{ numbers: [{}] }, 'numbers'],
    [{ numbers: '0912', extra: 1 }, 'extra'],
    [{ numbers: '0912', campaign_id: 'x' }, 'campaign_id'],
  ])('POST /api/numbers %j → 400 naming %s', async (payload, field) => {
    await expectFieldError(t.app, { method: 'POST', url: '/api/numbers', headers: bearer(w.adminA.token), payload }, field);
  });

  it('POST /api/numbers with an unknown campaign → 404 naming campaign_id', async () => {
    const r = await call('POST', '/api/numbers', w.adminA.token, { numbers: '09120000001', campaign_id: 99999 });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.fields).toEqual({ campaign_id: 'no such campaign' });
  });

  it('uploads a CSV and an XLSX; refuses other types (415), a missing file (400) and an unreadable file (422)', async () => {
    const phones = freshPhones(4);
    const csv = multipart({ name: 'list.csv', content: `phone\n${phones[0]}\n${phones[1]}\nbad-one\n` });
    const r1 = await upload(csv);
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toEqual({ added: 2, duplicates: 0, invalid: 1, errors: [{ value: 'bad-one', reason: 'contains letters', line: 4 }] });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Name', 'Phone']);
    ws.addRow(['A', phones[2]]);
    ws.addRow(['B', Number(phones[3]!.slice(1))]); // a numeric cell that lost its leading zero
    ws.addRow(['C', phones[0]]);
    const xlsx = multipart({ name: 'list.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
    const r2 = await upload(xlsx);
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toEqual({ added: 2, duplicates: 1, invalid: 0, errors: [] });

    const pdf = multipart({ name: 'list.pdf', content: '%PDF-1.4' });
    const r3 = await upload(pdf);
    expect(r3.statusCode).toBe(415);
    expect(r3.json().error.fields).toEqual({ file: 'must be .csv or .xlsx' });

    const noFile = multipart({ name: 'x.csv', content: '0912', field: 'other' });
    const r4 = await upload(noFile);
    expect(r4.statusCode).toBe(400);

    const broken = multipart({ name: 'broken.xlsx', content: 'this is not a zip file' });
    const r5 = await upload(broken);
    expect(r5.statusCode).toBe(422);
    expect(r5.json().error.message).toMatch(/Nothing was imported/);

    expect((await call('POST', '/api/numbers/upload', w.adminA.token, { file: 'x' })).statusCode).toBe(415);
  });

  it('lists with filters, sort and paging; stats agree', async () => {
    const ids = await makeNumbers(t.db, freshPhones(5));
    await new CallResultsRepository(t.db).record(
      w.companyA.id,
      ids.slice(0, 3).map((id, i) => ({
        numberId: id,
        status: 'MISSED',
        attemptedAt: new Date(Date.UTC(2026, 0, 10 + i, 9)),
        agentId: w.agentA.id,
        userMessage: `m${i}`,
      })),
      systemClock.now(),
    );
    const r = await call('GET', '/api/numbers?status=MISSED&sort_by=last_attempt_at&sort_order=desc&limit=2', w.adminA.token);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ skip: 0, limit: 2 });
    expect(body.items.map((n: { id: number }) => n.id)).toEqual([ids[2], ids[1]]);
    expect(body.items[0]).toMatchObject({
      status: 'MISSED',
      total_attempts: 1,
      last_user_message: 'm2',
      assigned_agent_id: w.agentA.id,
      global_status: 'ACTIVE',
      last_attempt_at: '2026-01-12T12:30:00.000+03:30',
    });
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        'agent_name',
        'assigned_agent_id',
        'global_status',
        'id',
        'last_attempt_at',
        'last_called_at',
        'last_user_message',
        'phone_number',
        'status',
        'status_changed_at',
        'total_attempts',
      ].sort(),
    );
    expect((await call('GET', '/api/numbers/stats?status=MISSED', w.adminA.token)).json()).toEqual({ total: 3 });
    const dated = await call('GET', '/api/numbers/stats?start_date=2026-01-11&end_date=2026-01-11', w.adminA.token);
    expect(dated.json()).toEqual({ total: 1 });
    // The agent sees exactly the three that name them; B sees none of A's statuses.
    expect((await call('GET', '/api/numbers/stats', w.agentA.token)).json()).toEqual({ total: 3 });
    expect((await call('GET', '/api/numbers/stats?status=MISSED', w.adminB.token)).json()).toEqual({ total: 0 });
  });

  it.each([
    'status=DONE',
    'sort_by=phone',
    'sort_order=up',
    'limit=501',
    'skip=-1',
    'agent_id=abc',
    'start_date=yesterday',
    'search=abc',
    'start_date=2026-02-01&end_date=2026-01-01',
  ])('GET /api/numbers?%s → 400 naming the field', async (q) => {
    const r = await call('GET', `/api/numbers?${q}`, w.adminA.token);
    expect(r.statusCode).toBe(400);
    const names = Object.keys(r.json().error.fields);
    expect(q).toContain(names[0]!.split('.')[0]!);
  });

  it('PUT status follows the mutability rules: 403 from a final status for an admin, allowed for a superuser', async () => {
    const [id] = await makeNumbers(t.db, freshPhones(1));
    const ok = await call('PUT', `/api/numbers/${id}/status`, w.adminA.token, { status: 'BUSY' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id, status: 'BUSY', total_attempts: 0 });
    const toFinal = await call('PUT', `/api/numbers/${id}/status`, w.adminA.token, { status: 'CONNECTED' });
    expect(toFinal.statusCode).toBe(403);
    expect(toFinal.json().error.fields).toHaveProperty('status');
    expect((await call('PUT', `/api/numbers/${id}/status`, w.superuser.token, { status: 'CONNECTED' })).json()).toMatchObject({
      status: 'CONNECTED',
    });
    expect((await call('PUT', `/api/numbers/${id}/status`, w.adminA.token, { status: 'MISSED' })).statusCode).toBe(403);
    expect((await call('POST', `/api/numbers/${id}/reset`, w.adminA.token)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/numbers/${id}`, w.adminA.token)).statusCode).toBe(403);
    const reset = await call('POST', `/api/numbers/${id}/reset`, w.superuser.token);
    expect(reset.json()).toMatchObject({ status: 'IN_QUEUE' });
    expect((await call('PUT', `/api/numbers/${id}/status`, w.adminA.token, { status: 'FINE' })).statusCode).toBe(400);
    expect((await call('PUT', '/api/numbers/99999999/status', w.adminA.token, { status: 'BUSY' })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/numbers/${id}`, w.adminA.token)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/numbers/${id}`, w.adminA.token)).statusCode).toBe(404);
  });

  it('an agent cannot touch a number that is not theirs (404)', async () => {
    const [id] = await makeNumbers(t.db, freshPhones(1));
    expect((await call('PUT', `/api/numbers/${id}/status`, w.agentA.token, { status: 'BUSY' })).statusCode).toBe(404);
  });

  it.each([
    [{ action: 'update_status', ids: [1] }, 'status'],
    [{ action: 'wipe', ids: [1] }, 'action'],
    [{ action: 'reset' }, 'ids'],
    [{ action: 'reset', ids: [] }, 'ids'],
    [{ action: 'reset', ids: [1], select_all: true }, 'ids'],
    [{ action: 'reset', select_all: false }, 'select_all'],
    [{ action: 'delete', select_all: true, excluded_ids: ['a'] }, 'excluded_ids.0'],
    [{ action: 'reset', new_status: 'BUSY', ids: [1] }, 'new_status'],
  ])('POST /api/numbers/bulk %j → 400 naming %s', async (payload, field) => {
    const r = await call('POST', '/api/numbers/bulk', w.adminA.token, payload);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toHaveProperty([field]);
  });

  it('bulk by ids and by select-all minus exclusions answers {affected}', async () => {
    const ids = await makeNumbers(t.db, freshPhones(4));
    const r = await call('POST', '/api/numbers/bulk', w.adminA.token, { action: 'update_status', status: 'BANNED', ids });
    expect(r.json()).toEqual({ affected: 4 });
    const again = await call('POST', '/api/numbers/bulk', w.adminA.token, {
      action: 'update_status',
      new_status: 'BUSY',
      status: 'BANNED',
      select_all: true,
      excluded_ids: [ids[0]],
    });
    expect(again.json()).toEqual({ affected: 3 });
    expect(
      (await call('POST', '/api/numbers/bulk', w.adminA.token, { action: 'update_status', status: 'CONNECTED', ids })).statusCode,
    ).toBe(403);
  });

  it('exports the selection as an XLSX stream with the documented columns', async () => {
    const ids = await makeNumbers(t.db, freshPhones(3));
    await call('POST', '/api/numbers/bulk', w.adminA.token, { action: 'update_status', status: 'POWER_OFF', ids });
    const r = await call('POST', '/api/numbers/export', w.adminA.token, { select_all: true, status: 'POWER_OFF', excluded_ids: [ids[1]] });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="numbers-.*\.xlsx"$/);
    expect(r.headers['x-total-count']).toBe('2');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(EXPORT_COLUMNS);
    expect(rows.slice(1).map((x) => x[0])).toEqual([ids[0], ids[2]]);
    expect(rows[1]![2]).toBe('POWER_OFF');
  });
});
