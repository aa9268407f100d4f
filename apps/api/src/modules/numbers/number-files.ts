import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors';
import { pickColumn, type ImportCollector } from './number-import';

export type NumberFileKind = 'csv' | 'xlsx';

/** The kind of an uploaded file by its name, then its type; anything else is 415. */
export function fileKind(filename: string | undefined, mimetype: string | undefined): NumberFileKind {
  const name = (filename ?? '').toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (mimetype === 'text/csv' || mimetype === 'text/plain') return 'csv';
  if (mimetype === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload a .csv or .xlsx file.', { fields: { file: 'must be .csv or .xlsx' } });
}

function unreadable(kind: NumberFileKind, e: unknown): AppError {
  const detail = e instanceof Error ? e.message.split('\n')[0] : '';
  return new AppError(
    'UNPROCESSABLE',
    `The ${kind.toUpperCase()} file could not be read${detail ? `: ${detail}` : ''}. Nothing was imported.`,
    {
      fields: { file: 'could not be read' },
      cause: e,
    },
  );
}

/** Streams a CSV row by row (the file is never held whole in memory). */
async function readCsv(stream: Readable, into: ImportCollector): Promise<void> {
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, delimiter: [',', ';', '\t'] }),
  );
  stream.on('error', (e) => parser.destroy(e));
  let column = -1;
  let line = 0;
  for await (const row of parser as AsyncIterable<string[]>) {
    line++;
    if (column < 0) {
      const pick = pickColumn(row);
      column = pick.column;
      if (pick.header) continue;
    }
    into.add(row[column], line);
  }
}

/** Streams the first worksheet of an XLSX. */
async function readXlsx(stream: Readable, into: ImportCollector): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let column = -1;
  let sheets = 0;
  for await (const sheet of reader) {
    if (sheets++ > 0) break; // only the first worksheet
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      // row.values is 1-based with a hole at 0.
      const cells = (Array.isArray(row.values) ? row.values.slice(1) : []).map(cellText);
      if (column < 0) {
        const pick = pickColumn(cells);
        column = pick.column;
        if (pick.header) continue;
      }
      into.add(cells[column], row.number);
    }
  }
}

function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return v.result == null ? '' : String(v.result);
    return '';
  }
  // Numeric cells: print integers without exponent (9123456789, not 9.12e9).
  return typeof v === 'number' ? (Number.isInteger(v) ? v.toFixed(0) : String(v)) : String(v);
}

export async function readNumberFile(kind: NumberFileKind, stream: Readable, into: ImportCollector): Promise<void> {
  try {
    if (kind === 'csv') await readCsv(stream, into);
    else await readXlsx(stream, into);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw e;
    throw unreadable(kind, e);
  }
}
