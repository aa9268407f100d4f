import { AppError } from '../../lib/errors';
import { readTabularFile } from '../../lib/tabular-files/tabular-reader';
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

/**
 * Reads the phones of an uploaded file (already on disk) into the collector: the parse
 * runs in a worker under the tabular limits, this thread only picks the column and
 * normalises each batch.
 */
export async function readNumberFile(kind: NumberFileKind, file: string, into: ImportCollector): Promise<void> {
  let column = -1;
  for await (const batch of readTabularFile(file, kind)) {
    const { rows, lines } = batch;
    for (let i = 0; i < rows.length; i++) {
      const cells = rows[i]!;
      if (column < 0) {
        const pick = pickColumn(cells);
        column = pick.column;
        if (pick.header) continue;
      }
      into.add(cells[column], lines[i]);
    }
  }
}
