import { AppError } from '../../lib/errors';
import { readTabularFile } from '../../lib/tabular-files/tabular-reader';
import type { PhoneBatch } from './number-import';

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

const MAPPER = new URL('./number-file-mapper.ts', import.meta.url);

/**
 * Batches of phones per 2,000 rows: since normalising is the costly part, it is done in the
 * worker too, and a batch is only a few thousand short strings for this thread to store.
 */
const BATCH_ROWS = 2_000;

/**
 * Reads the phones of an uploaded file (already on disk): the parse, the choice of the
 * phone column and the normalising run in a worker under the tabular limits
 * (number-file-mapper.ts), and this yields their batches as they are ready, so the
 * caller can store one batch while the worker reads the next.
 */
export function readNumberFile(kind: NumberFileKind, file: string, region: string): AsyncGenerator<PhoneBatch> {
  return readTabularFile<PhoneBatch, { region: string }>(file, kind, {
    mapper: { module: MAPPER, options: { region } },
    batchRows: BATCH_ROWS,
  });
}
