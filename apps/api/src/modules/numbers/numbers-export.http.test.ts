import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, makeUser } from '../../../test/factories';

describe(`the export neutralises formula-looking cells (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  it('every text cell starting with = + - @ tab or CR reads back with a leading quote; phones stay as they are', async () => {
    const agent = await makeUser(t.db, { company: w.companyA, role: 'AGENT', phone: '=1+2' });
    await t.db.updateTable('users').set({ first_name: '@SUM(A1:A9)' }).where('id', '=', agent.id).execute();
    const token = (
      await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(w.adminA.token), payload: { name: 'x' } })
    ).json().token;
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const messages = ['=HYPERLINK("http://evil","click")', '-1+1', '\tindent'];
    const ids = [n!, ...(await makeNumbers(t.db, freshPhones(2)))];
    for (const [i, id] of ids.entries()) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/dialer/report-result',
        headers: bearer(token),
        payload: { number_id: id, status: 'MISSED', agent_id: agent.id, user_message: messages[i] },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const r = await t.app.inject({ method: 'POST', url: '/api/numbers/export', headers: bearer(w.adminA.token), payload: { ids } });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row, i) => i > 1 && rows.push((row.values as unknown[]).slice(1)));
    const byId = new Map(rows.map((x) => [x[0], x]));
    for (const [i, id] of ids.entries()) {
      const row = byId.get(id)!;
      expect(row[1]).toMatch(/^09\d{9}$/);
      expect(row[6]).toBe(`'@SUM(A1:A9)`);
      expect(row[7]).toBe(`'=1+2`);
      expect(row[8]).toBe(`'${messages[i]}`);
    }
  });
});
