import type { ImportError } from '@dialdeck/contracts/numbers';
import { normalizePhone } from '../../lib/phone';

export const MAX_REPORTED_ERRORS = 100;

/** What one stretch of an import yielded: valid phones in input order, how many values were invalid, and their errors. */
export interface PhoneBatch {
  phones: string[];
  invalid: number;
  errors: ImportError[];
}

/**
 * Collects values from any source (text, CSV, XLSX), normalised with the company's
 * region: valid phones in input order, the count of invalid values, and the first
 * 100 errors with their line numbers. Repeats are left to the database, whose
 * ON CONFLICT counts them as duplicates like numbers already in the pool; keeping no
 * set of seen values holds an import to one string per phone. An import that stores
 * as it reads `take()`s what was collected so far.
 */
export class ImportCollector {
  private batch: PhoneBatch = { phones: [], invalid: 0, errors: [] };
  private reported = 0;

  constructor(private readonly region: string) {}

  add(raw: unknown, line?: number): void {
    const value = raw == null ? '' : String(raw);
    if (value.trim() === '') return; // blank cells and lines are not values
    const r = normalizePhone(value, this.region);
    if (!r.ok) {
      this.batch.invalid++;
      if (this.reported < MAX_REPORTED_ERRORS) {
        this.reported++;
        this.batch.errors.push({
          value: value.length > 64 ? value.slice(0, 64) + '…' : value,
          reason: r.reason,
          ...(line ? { line } : {}),
        });
      }
      return;
    }
    this.batch.phones.push(r.phone);
  }

  /** What was collected since the last call. */
  take(): PhoneBatch {
    const b = this.batch;
    this.batch = { phones: [], invalid: 0, errors: [] };
    return b;
  }
}

/** "0912…, 0912…\n…": commas (Latin or Arabic), semicolons, tabs and line breaks separate values. */
export function collectText(text: string, into: ImportCollector): void {
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    for (const part of line.split(/[,،;\t]/)) into.add(part, i + 1);
  });
}

const PHONE_HEADER = /^(phone|phone[ _-]?number|mobile|tel|telephone|number|numbers|شماره|موبایل|تلفن|טלפון|מספר)$/i;

/**
 * Which column holds the phones: one whose header names a phone, else the first.
 * Answers the column and whether the first row is a header to skip.
 */
export function pickColumn(firstRow: unknown[]): { column: number; header: boolean } {
  const cells = firstRow.map((c) => (c == null ? '' : String(c).trim()));
  const named = cells.findIndex((c) => PHONE_HEADER.test(c));
  if (named >= 0) return { column: named, header: true };
  // A first cell with letters and no digits is a header of some other name.
  const first = cells[0] ?? '';
  return { column: 0, header: /\p{L}/u.test(first) && !/\d{5,}/.test(first) };
}
