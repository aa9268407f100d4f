import type { ImportError } from '@dialdeck/contracts/numbers';
import { normalizePhone } from '../../lib/phone';

export const MAX_REPORTED_ERRORS = 100;

/**
 * Collects values from any source (text, CSV, XLSX), normalised with the company's
 * region: valid phones in input order, the count of invalid values, and the first
 * 100 errors with their line numbers. Repeats are left to the database, whose
 * ON CONFLICT counts them as duplicates like numbers already in the pool; keeping no
 * set of seen values holds a million-row import to one string per phone.
 */
export class ImportCollector {
  readonly phones: string[] = [];
  invalid = 0;
  readonly errors: ImportError[] = [];

  constructor(private readonly region: string) {}

  add(raw: unknown, line?: number): void {
    const value = raw == null ? '' : String(raw);
    if (value.trim() === '') return; // blank cells and lines are not values
    const r = normalizePhone(value, this.region);
    if (!r.ok) {
      this.invalid++;
      if (this.errors.length < MAX_REPORTED_ERRORS) {
        this.errors.push({ value: value.length > 64 ? value.slice(0, 64) + '…' : value, reason: r.reason, ...(line ? { line } : {}) });
      }
      return;
    }
    this.phones.push(r.phone);
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
