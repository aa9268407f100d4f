/**
 * Hard limits on reading one uploaded table (CSV or XLSX). Each limit's name appears in
 * the error a person gets when a file exceeds it, so an operator can find it here.
 * Defaults follow Excel's own sheet limits where there is one (rows, columns, cell length).
 */
export interface TabularLimits {
  /** Bytes of the uploaded file itself (enforced while it is received). */
  upload_bytes: number;
  /** Data rows in the file (Excel's sheet maximum). */
  rows: number;
  /** Cells in one row (Excel's column maximum, XFD). */
  row_cells: number;
  /** Characters in one cell (Excel's cell maximum). */
  cell_chars: number;
  /** Characters in one CSV record (a line, or several when a quoted cell holds line breaks). */
  csv_line_chars: number;
  /** Parts (files) in the XLSX zip. */
  xlsx_parts: number;
  /** Unzipped bytes of each XLSX part read besides the sheet and the shared strings (workbook, relationships). */
  xlsx_part_unzipped_bytes: number;
  /** Unzipped bytes of the shared-strings part, which is held in memory while the sheet is read. */
  xlsx_shared_strings_unzipped_bytes: number;
  /** Entries in the shared-strings part. */
  xlsx_shared_strings_count: number;
  /** Unzipped bytes of the worksheet (streamed, so this bounds time rather than memory). */
  xlsx_sheet_unzipped_bytes: number;
  /** Wall time of one parse; the worker is terminated when it runs out. */
  wall_time_ms: number;
  /** The parse worker's heap (V8 old generation); a worker that needs more is ended. */
  worker_heap_mb: number;
}

export type TabularLimitName = keyof TabularLimits;

const MiB = 1024 * 1024;

export const DEFAULT_TABULAR_LIMITS: Readonly<TabularLimits> = Object.freeze({
  upload_bytes: 200 * MiB,
  rows: 1_048_576,
  row_cells: 16_384,
  cell_chars: 32_767,
  csv_line_chars: 1 * MiB,
  xlsx_parts: 10_000,
  xlsx_part_unzipped_bytes: 16 * MiB,
  xlsx_shared_strings_unzipped_bytes: 100 * MiB,
  xlsx_shared_strings_count: 2_000_000,
  xlsx_sheet_unzipped_bytes: 1024 * MiB,
  wall_time_ms: 120_000,
  worker_heap_mb: 512,
});

export type TabularKind = 'csv' | 'xlsx';

/**
 * A file the reader refuses: `limit` when a named limit was exceeded (answered 413),
 * `unreadable` when it is not a readable file of its kind (422). The message is written
 * for a person and is what the client reads; it never carries a library's text.
 */
export class TabularFileError extends Error {
  constructor(
    readonly reason: 'limit' | 'unreadable',
    message: string,
    readonly limit?: TabularLimitName,
  ) {
    super(message);
    this.name = 'TabularFileError';
  }
}

/** `sentence` says what was too big, for a person; the limit's name is appended. */
export function limitExceeded(limit: TabularLimitName, sentence: string): TabularFileError {
  return new TabularFileError('limit', `${sentence} (limit: ${limit}).`, limit);
}

export function unreadableFile(message: string): TabularFileError {
  return new TabularFileError('unreadable', message);
}

/** A limit's value as a person reads it: "100 MB", "1,048,576", "120 s". */
export function amount(limits: TabularLimits, limit: TabularLimitName): string {
  const value = limits[limit];
  if (limit.endsWith('_bytes')) return value >= MiB ? `${+(value / MiB).toFixed(1)} MB` : `${value.toLocaleString('en')} bytes`;
  if (limit === 'wall_time_ms') return `${+(value / 1000).toFixed(1)} s`;
  if (limit === 'worker_heap_mb') return `${value} MB`;
  return value.toLocaleString('en');
}
