/** Where a parser puts the rows it reads. */
export interface RowSink {
  /** One row of cell texts and its line (CSV record or sheet row number). True when the parser should `await drain()`. */
  row(line: number, cells: string[]): boolean;
  /** Resolves once the reader has caught up (back-pressure between input chunks). */
  drain(): Promise<void>;
}
