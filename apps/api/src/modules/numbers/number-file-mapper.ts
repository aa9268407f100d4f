import type { RowMapper } from '../../lib/tabular-files/row-mapper';
import { ImportCollector, pickColumn, type PhoneBatch } from './number-import';

/**
 * Runs in the parse worker (see number-files.ts): picks the phone column from the first
 * row and normalises each value there, so the main thread receives phones ready to store.
 */
export function createRowMapper(options: { region: string }): RowMapper<PhoneBatch> {
  const collector = new ImportCollector(options.region);
  let column = -1;
  let size = 0;
  return {
    add(line, cells) {
      size++;
      if (column < 0) {
        const pick = pickColumn(cells);
        column = pick.column;
        if (pick.header) return;
      }
      collector.add(cells[column], line);
    },
    get size() {
      return size;
    },
    take() {
      size = 0;
      return collector.take();
    },
  };
}
