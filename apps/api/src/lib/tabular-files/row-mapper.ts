/**
 * Turns the rows a parser reads into the batches the main thread receives. It runs in
 * the parse worker, so per-row work placed here (normalising phones, say) runs off the
 * main event loop and beside whatever the main thread does with the previous batch.
 *
 * A feature supplies one as a module exporting `createRowMapper(options)` and names it in
 * `readTabularFile(..., { mapper: { module, options } })`; `options` must be cloneable.
 */
export interface RowMapper<Batch = unknown> {
  add(line: number, cells: string[]): void;
  /** Rows added since the last `take()`; the worker sends a batch once this reaches its batch size. */
  readonly size: number;
  /** The batch of the rows added since the last call (and resets). */
  take(): Batch;
}

export type CreateRowMapper<Batch = unknown> = (options: never) => RowMapper<Batch>;

/** Without a mapper: the cell texts themselves, with the line each row came from. */
export function plainRows(): RowMapper<{ lines: number[]; rows: string[][] }> {
  let lines: number[] = [];
  let rows: string[][] = [];
  return {
    add(line, cells) {
      lines.push(line);
      rows.push(cells);
    },
    get size() {
      return rows.length;
    },
    take() {
      const batch = { lines, rows };
      lines = [];
      rows = [];
      return batch;
    },
  };
}
