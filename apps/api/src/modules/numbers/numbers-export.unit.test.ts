import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, zipBacklog, zipCaughtUp } from './numbers-export';

describe('neutralizeCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['+98 912 000', `'+98 912 000`],
  ])('prefixes %j', (input, out) => expect(neutralizeCell(input)).toBe(out));

  it.each(['', 'hello', '09121234567', '+989121234567', "'=already"])('leaves %j as it is', (input) =>
    expect(neutralizeCell(input)).toBe(input),
  );
});

describe('zipCaughtUp (memory of a streamed export)', () => {
  it('finds the zip backlog in exceljs, and waits until the zip writer has caught up', async () => {
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (b: Buffer) => (bytes += b.length));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('S');
    for (let i = 0; i < 20_000; i++) sheet.addRow([i, `0912${String(i).padStart(7, '0')}`, 'MISSED', 'a message of some length']).commit();
    // If an exceljs upgrade moves these internals, the wait silently stops working: this fails instead.
    const before = zipBacklog(sheet);
    expect(before).toBeGreaterThan(64 * 1024);
    await zipCaughtUp(sheet);
    expect(zipBacklog(sheet)).toBeLessThanOrEqual(16 * 1024);
    sheet.commit();
    await workbook.commit();
    expect(bytes).toBeGreaterThan(0);
  });
});
