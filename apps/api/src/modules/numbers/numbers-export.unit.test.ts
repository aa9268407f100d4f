import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toZonedIso } from '../../lib/time';
import { cellTime, neutralizeCell, zipBacklog, zipCaughtUp } from './numbers-export';

describe('cellTime', () => {
  it('is the zoned time to the minute, across DST changes and half-hour zones', () => {
    expect(cellTime(new Date('2026-03-27T00:30:00Z'), 'Asia/Jerusalem')).toBe('2026-03-27 03:30');
    expect(cellTime(new Date('2026-01-01T20:29:59.999Z'), 'Asia/Tehran')).toBe('2026-01-01 23:59');
    expect(cellTime(null, 'UTC')).toBe('');
    for (const tz of ['Asia/Jerusalem', 'Asia/Tehran', 'America/St_Johns', 'Asia/Kathmandu']) {
      for (let t = Date.UTC(2026, 2, 25); t < Date.UTC(2026, 3, 1); t += 7 * 60_000 + 13_001) {
        const d = new Date(t);
        expect(cellTime(d, tz), `${tz} ${d.toISOString()}`).toBe(toZonedIso(d, tz).slice(0, 16).replace('T', ' '));
      }
    }
  });
});

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
