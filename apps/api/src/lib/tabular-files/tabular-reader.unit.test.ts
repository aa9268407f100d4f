import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { handMadeXlsx, PNG_BYTES, repeated, zipParts } from '../../../test/xlsx-fixtures';
import { AppError } from '../errors';
import { readTabularFile, type ReadTabularOptions } from './tabular-reader';
import type { TabularKind } from './tabular-limits';

// Each read starts a worker thread (a few hundred ms on a busy machine), some several.
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(path.join(tmpdir(), 'dialdeck-tabular-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileOf = (content: Buffer | string) => {
  const f = path.join(dir, `f${n++}`);
  writeFileSync(f, content);
  return f;
};

async function read(content: Buffer | string, kind: TabularKind, opts: ReadTabularOptions = {}) {
  const rows: string[][] = [];
  const lines: number[] = [];
  let header: string[] | undefined;
  for await (const b of readTabularFile(fileOf(content), kind, opts)) {
    if (b.header) header = b.header;
    rows.push(...b.rows);
    lines.push(...b.lines);
  }
  return { rows, lines, header };
}

/** The AppError a read ends with (and that it does end with one). */
async function refusal(content: Buffer | string, kind: TabularKind, opts: ReadTabularOptions = {}): Promise<AppError> {
  try {
    await read(content, kind, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    // Written for a person: never a library's or the engine's text.
    expect(err.message).not.toMatch(/undefined|TypeError|Cannot read|ERR_|at \w+ \(/);
    expect(err.message).toMatch(/Nothing was imported\.$/);
    return err;
  }
  throw new Error('the read was not refused');
}

const expectLimit = (err: AppError, limit: string) => {
  expect(err.status).toBe(413);
  expect(err.message).toContain(`(limit: ${limit})`);
  expect(err.fields).toEqual({ file: `exceeds ${limit}` });
};
const expectUnreadable = (err: AppError) => {
  expect(err.status).toBe(422);
  expect(err.fields).toEqual({ file: 'could not be read' });
};

describe('readTabularFile: CSV', () => {
  it('reads records of any separator with their line numbers, and the header row when asked', async () => {
    const csv = 'phone;name\n09120000001;A\n\n09120000002\t B \n"0912,3";C\n';
    expect(await read(csv, 'csv')).toEqual({
      rows: [
        ['phone', 'name'],
        ['09120000001', 'A'],
        ['09120000002', 'B'],
        ['0912,3', 'C'],
      ],
      lines: [1, 2, 3, 4],
      header: undefined,
    });
    const withHeader = await read(csv, 'csv', { header: true });
    expect(withHeader.header).toEqual(['phone', 'name']);
    expect(withHeader.rows).toHaveLength(3);
  });

  it('hands over many rows in order, in paced batches', async () => {
    const csv = Array.from({ length: 10_000 }, (_, i) => `0912${String(i).padStart(7, '0')}`).join('\n');
    const got: string[] = [];
    let batches = 0;
    for await (const b of readTabularFile(fileOf(csv), 'csv', { batchRows: 100 })) {
      batches++;
      got.push(...b.rows.map((r) => r[0]!));
      await new Promise((r) => setImmediate(r)); // a slow consumer
    }
    expect(batches).toBe(100);
    expect(got).toEqual(csv.split('\n'));
  });

  it('reads UTF-16 text with its byte-order mark (Excel "Unicode text")', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('phone\t\n09120000001\t\n', 'utf16le')]);
    expect((await read(text, 'csv')).rows).toEqual([
      ['phone', ''],
      ['09120000001', ''],
    ]);
  });

  it('refuses a giant line (413 csv_line_chars)', async () => {
    expectLimit(await refusal(`phone\n${'9'.repeat(1_100_000)}\n`, 'csv'), 'csv_line_chars');
  });

  it('refuses a giant cell (413 cell_chars)', async () => {
    expectLimit(await refusal(`phone\n"${'9'.repeat(40_000)}"\n`, 'csv'), 'cell_chars');
  });

  it('refuses too many cells in a row (413 row_cells) and too many rows (413 rows)', async () => {
    expectLimit(await refusal(`${'1,'.repeat(20_000)}1\n`, 'csv'), 'row_cells');
    expectLimit(await refusal('1\n'.repeat(101), 'csv', { limits: { rows: 100 } }), 'rows');
    expect((await read('1\n'.repeat(100), 'csv', { limits: { rows: 100 } })).rows).toHaveLength(100);
  });

  it('refuses binary files with a .csv name: a PNG, an XLSX (422)', async () => {
    expectUnreadable(await refusal(PNG_BYTES, 'csv'));
    const xlsx = await handMadeXlsx({ sheetData: '<row><c><v>1</v></c></row>' });
    const err = await refusal(xlsx, 'csv');
    expectUnreadable(err);
    expect(err.message).toMatch(/zip archive/);
  });
});

describe('readTabularFile: XLSX', () => {
  it('reads a workbook written by Excel-compatible software (exceljs), numbers as digits', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Numbers');
    ws.addRow(['Name', 'Phone']);
    ws.addRow(['A', 9123456789]);
    ws.addRow(['B', '09123456780', true]);
    wb.addWorksheet('Second').addRow(['ignored']);
    const { rows, lines } = await read(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    expect(rows).toEqual([
      ['Name', 'Phone'],
      ['A', '9123456789'],
      ['B', '09123456780', 'TRUE'],
    ]);
    expect(lines).toEqual([1, 2, 3]);
  });

  it('reads valid OOXML without r= attributes on rows and cells (by position), with shared, inline and rich strings', async () => {
    const xlsx = await handMadeXlsx({
      sheetData:
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>' +
        '<row><c t="inlineStr"><is><t>Ali</t></is></c><c><v>9123456789</v></c></row>' +
        '<row><c t="s"><v>2</v></c><c t="str"><f>A1</f><v>x</v></c><c><v>1.5</v></c></row>' +
        '<row r="7"><c r="C7"><v>3</v></c></row><row><c><v>4</v></c></row>',
      sharedStrings:
        '<si><t>name</t></si><si><t>phone</t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>hint</t></rPh></si>',
    });
    const { rows, lines } = await read(xlsx, 'xlsx');
    expect(rows).toEqual([['name', 'phone'], ['Ali', '9123456789'], ['rich text', 'x', '1.5'], ['', '', '3'], ['4']]);
    expect(lines).toEqual([1, 2, 3, 7, 8]);
  });

  it('reads a workbook whose elements carry a namespace prefix', async () => {
    const xlsx = await handMadeXlsx({
      prefix: 'x',
      sheetData: '<x:row><x:c t="inlineStr"><x:is><x:t>09120000001</x:t></x:is></x:c></x:row>',
    });
    expect((await read(xlsx, 'xlsx')).rows).toEqual([['09120000001']]);
  });

  it('refuses a shared-strings bomb: unzipped size checked while inflating (413 xlsx_shared_strings_unzipped_bytes)', async () => {
    const big = repeated('<?xml version="1.0"?><sst xmlns="x">', () => '<si><t>0912000000</t></si>', 2_000_000, '</sst>');
    const xlsx = await handMadeXlsx({ sheetData: '<row><c t="s"><v>0</v></c></row>', sharedStrings: big });
    expect(xlsx.length).toBeLessThan(1_000_000); // highly compressible: ~50 MB unzipped
    expectLimit(
      await refusal(xlsx, 'xlsx', { limits: { xlsx_shared_strings_unzipped_bytes: 4 * 1024 * 1024 } }),
      'xlsx_shared_strings_unzipped_bytes',
    );
  });

  it('refuses too many shared strings (413 xlsx_shared_strings_count)', async () => {
    const xlsx = await handMadeXlsx({ sheetData: '<row><c t="s"><v>0</v></c></row>', sharedStrings: '<si><t>1</t></si>'.repeat(1001) });
    expectLimit(await refusal(xlsx, 'xlsx', { limits: { xlsx_shared_strings_count: 1000 } }), 'xlsx_shared_strings_count');
  });

  it('refuses a huge cell, inline or shared (413 cell_chars)', async () => {
    const inline = await handMadeXlsx({ sheetData: `<row><c t="inlineStr"><is><t>${'9'.repeat(40_000)}</t></is></c></row>` });
    expectLimit(await refusal(inline, 'xlsx'), 'cell_chars');
    const shared = await handMadeXlsx({
      sheetData: '<row><c t="s"><v>0</v></c></row>',
      sharedStrings: `<si><t>${'9'.repeat(40_000)}</t></si>`,
    });
    expectLimit(await refusal(shared, 'xlsx'), 'cell_chars');
  });

  it('refuses too many rows (413 rows), too wide a row (413 row_cells) and a sheet over its size (413 xlsx_sheet_unzipped_bytes)', async () => {
    const rows = repeated(
      '<?xml version="1.0"?><worksheet><sheetData>',
      (i) => `<row><c><v>${i}</v></c></row>`,
      5000,
      '</sheetData></worksheet>',
    );
    expectLimit(await refusal(await handMadeXlsx({ sheetData: rows }), 'xlsx', { limits: { rows: 1000 } }), 'rows');
    const wide = await handMadeXlsx({ sheetData: `<row>${'<c><v>1</v></c>'.repeat(17_000)}</row>` });
    expectLimit(await refusal(wide, 'xlsx'), 'row_cells');
    const far = await handMadeXlsx({ sheetData: '<row><c r="ZZZZZ1"><v>1</v></c></row>' });
    expectLimit(await refusal(far, 'xlsx'), 'row_cells');
    expectLimit(
      await refusal(await handMadeXlsx({ sheetData: rows }), 'xlsx', { limits: { xlsx_sheet_unzipped_bytes: 10_000 } }),
      'xlsx_sheet_unzipped_bytes',
    );
  });

  it('refuses a truncated zip, a PNG, text and a zip that is no workbook (422)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['09120000001']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    for (const bad of [good.subarray(0, Math.floor(good.length / 2)), good.subarray(0, good.length - 10), PNG_BYTES, 'phone\n0912\n']) {
      const err = await refusal(bad, 'xlsx');
      expectUnreadable(err);
      expect(err.message).toMatch(/not an XLSX workbook/);
    }
    expectUnreadable(await refusal(await zipParts({ 'readme.txt': 'hello' }), 'xlsx'));
  });

  it('refuses malformed XML and a DTD in a part (422)', async () => {
    expectUnreadable(await refusal(await handMadeXlsx({ sheetData: '<row><c><v>1</v></row>' }), 'xlsx'));
    const dtd = await zipParts({
      '_rels/.rels': '<!DOCTYPE x [<!ENTITY a "aaaa">]><Relationships/>',
      'xl/workbook.xml': '<workbook/>',
    });
    expectUnreadable(await refusal(dtd, 'xlsx'));
  });
});

describe('readTabularFile: the worker’s own limits', () => {
  it('a worker that runs out of its heap is a 413 (worker_heap_mb), and the process goes on', async () => {
    const many = repeated(
      '<?xml version="1.0"?><sst xmlns="x">',
      (i) => `<si><t>a distinct string number ${i}</t></si>`,
      3_000_000,
      '</sst>',
    );
    const xlsx = await handMadeXlsx({ sheetData: '<row><c t="s"><v>0</v></c></row>', sharedStrings: many });
    const err = await refusal(xlsx, 'xlsx', {
      limits: { worker_heap_mb: 64, xlsx_shared_strings_count: 1e9, xlsx_shared_strings_unzipped_bytes: 1e12 },
    });
    expectLimit(err, 'worker_heap_mb');
    expect((await read('09120000001\n', 'csv')).rows).toEqual([['09120000001']]);
  });

  it('a parse past its wall time is ended (413 wall_time_ms)', async () => {
    expectLimit(await refusal('09120000001\n', 'csv', { limits: { wall_time_ms: 1 } }), 'wall_time_ms');
  });
});
