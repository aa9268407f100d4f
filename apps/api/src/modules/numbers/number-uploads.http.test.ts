import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, multipart, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones } from '../../../test/factories';
import { handMadeXlsx, PNG_BYTES, repeated } from '../../../test/xlsx-fixtures';

/** Uploads that could hurt the server: each is refused with its limit named, and the server keeps serving. */
describe(`numbers upload under hard limits (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const upload = (name: string, content: Buffer | string) => {
    const body = multipart({ name, content });
    return t.app.inject({
      method: 'POST',
      url: '/api/numbers/upload',
      headers: { ...bearer(w.adminA.token), ...body.headers },
      payload: body.payload,
    });
  };
  const inPool = async (phone: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/numbers/stats?search=${phone}`, headers: bearer(w.adminA.token) })).json().total;
  const healthy = async () => expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

  /** The error body: the status, the limit named in the message and the field, no internal text. */
  const refused = (r: Awaited<ReturnType<typeof upload>>, status: 413 | 422, limit?: string) => {
    expect(r.statusCode).toBe(status);
    const { error } = r.json();
    expect(error.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'UNPROCESSABLE');
    expect(error.message).toMatch(/Nothing was imported\.$/);
    expect(error.message).not.toMatch(/undefined|TypeError|Cannot read|ERR_|heap/i);
    if (limit) {
      expect(error.message).toContain(`(limit: ${limit})`);
      expect(error.fields).toEqual({ file: `exceeds ${limit}` });
    } else {
      expect(error.fields).toEqual({ file: 'could not be read' });
    }
  };

  it('reads valid OOXML without r= attributes (rows and cells by position)', async () => {
    const [p1, p2, p3] = freshPhones(3);
    const xlsx = await handMadeXlsx({
      sheetData:
        '<row><c t="inlineStr"><is><t>Name</t></is></c><c t="s"><v>0</v></c></row>' +
        `<row><c t="inlineStr"><is><t>A</t></is></c><c t="inlineStr"><is><t>${p1}</t></is></c></row>` +
        `<row><c t="inlineStr"><is><t>B</t></is></c><c><v>${Number(p2!.slice(1))}</v></c></row>` +
        `<row><c/><c t="s"><v>1</v></c></row>` +
        `<row><c/><c t="inlineStr"><is><t>nope</t></is></c></row>`,
      sharedStrings: `<si><t>Phone</t></si><si><t>${p3}</t></si>`,
    });
    const r = await upload('no-refs.xlsx', xlsx);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ added: 3, duplicates: 0, invalid: 1, errors: [{ value: 'nope', reason: 'contains letters', line: 5 }] });
  });

  it('a shared-strings zip bomb (kilobytes that unzip past the limit) → 413 xlsx_shared_strings_unzipped_bytes; nothing imported', async () => {
    const [phone] = freshPhones(1);
    const bomb = repeated('<?xml version="1.0"?><sst xmlns="x">', () => `<si><t>${'A'.repeat(100)}</t></si>`, 1_000_000, '</sst>');
    const xlsx = await handMadeXlsx({ sheetData: `<row><c t="inlineStr"><is><t>${phone}</t></is></c></row>`, sharedStrings: bomb });
    expect(xlsx.length).toBeLessThan(1024 * 1024);
    refused(await upload('bomb.xlsx', xlsx), 413, 'xlsx_shared_strings_unzipped_bytes');
    expect(await inPool(phone!)).toBe(0);
    await healthy();
  });

  it('a sheet with more rows than the limit → 413 rows', async () => {
    const rows = repeated('<?xml version="1.0"?><worksheet><sheetData>', () => '<row><c/></row>', 1_048_577, '</sheetData></worksheet>');
    refused(await upload('rows.xlsx', await handMadeXlsx({ sheetData: rows })), 413, 'rows');
    await healthy();
  });

  it('a huge cell → 413 cell_chars, in an XLSX and in a CSV', async () => {
    const xlsx = await handMadeXlsx({ sheetData: `<row><c t="inlineStr"><is><t>${'9'.repeat(1_000_000)}</t></is></c></row>` });
    refused(await upload('cell.xlsx', xlsx), 413, 'cell_chars');
    refused(await upload('cell.csv', `phone\n${'9'.repeat(40_000)}\n`), 413, 'cell_chars');
  });

  it('a CSV with a giant line → 413 csv_line_chars; nothing imported', async () => {
    const [phone] = freshPhones(1);
    refused(await upload('line.csv', `phone\n${phone}\n${'9'.repeat(2_000_000)}\n`), 413, 'csv_line_chars');
    expect(await inPool(phone!)).toBe(0);
  });

  it('a file over a limit after its first stored chunks (stored while the worker reads on) adds nothing', async () => {
    // 45,000 phones are more than two insert chunks (20,000 each), so the first chunks are
    // written before the parser reaches the bad cell; the transaction rolls them back.
    const phones = freshPhones(45_000);
    const r = await upload('late.csv', `phone\n${phones.join('\n')}\n${'9'.repeat(40_000)}\n`);
    refused(r, 413, 'cell_chars');
    expect(await inPool(phones[0]!)).toBe(0);
    expect(await inPool(phones[30_000]!)).toBe(0);
    await healthy();
  });

  it('a file larger than one chunk is stored whole, with its repeats counted and every phone in the campaign', async () => {
    const phones = freshPhones(45_000);
    const rows = [...phones, ...phones.slice(0, 500), 'nope'];
    const campaign = await sql<{
      id: number;
    }>`INSERT INTO campaigns (company_id, name) VALUES (${w.companyA.id}, 'chunks') RETURNING id`.execute(t.db);
    const campaignId = campaign.rows[0]!.id;
    const body = multipart({ name: 'big.csv', content: `phone\n${rows.join('\n')}\n` }, { campaign_id: String(campaignId) });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/numbers/upload',
      headers: { ...bearer(w.adminA.token), ...body.headers },
      payload: body.payload,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      added: 45_000,
      duplicates: 500,
      invalid: 1,
      errors: [{ value: 'nope', reason: 'contains letters', line: 45_502 }],
    });
    const members = await t.app.inject({
      method: 'GET',
      url: `/api/numbers/stats?campaign_id=${campaignId}`,
      headers: bearer(w.adminA.token),
    });
    expect(members.json().total).toBe(45_000);
  });

  it('a truncated zip, and files of the wrong type with a right extension → 422 with a message for a person', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow([freshPhones(1)[0]]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    refused(await upload('truncated.xlsx', good.subarray(0, Math.floor(good.length * 0.6))), 422);
    refused(await upload('image.xlsx', PNG_BYTES), 422);
    refused(await upload('notes.xlsx', 'phone\n09120000001\n'), 422);
    refused(await upload('image.csv', PNG_BYTES), 422);
    refused(await upload('workbook.csv', good), 422);
    await healthy();
  });

  it('/api/health answers while a large file is being parsed', async () => {
    const rows = 100_000;
    const sheet = repeated(
      '<?xml version="1.0"?><worksheet><sheetData>',
      () => '<row><c t="inlineStr"><is><t>x</t></is></c></row>',
      rows,
      '</sheetData></worksheet>',
    );
    const xlsx = await handMadeXlsx({ sheetData: sheet });
    const spools = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('dialdeck-upload-')));
    const before = spools();
    let uploadDone = false;
    const up = upload('large.xlsx', xlsx).then((r) => {
      uploadDone = true;
      return r;
    });
    // Mid-upload: the file has reached its spool (the parse starts right after).
    while (!uploadDone && ![...spools()].some((d) => !before.has(d))) await new Promise((r) => setTimeout(r, 5));
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(uploadDone).toBe(false);
    const r = await up;
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ added: 0, invalid: rows - 1 }); // the first row reads as a header;
  });
});
