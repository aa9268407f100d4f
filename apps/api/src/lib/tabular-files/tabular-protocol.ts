import type { TabularKind, TabularLimitName, TabularLimits } from './tabular-limits';

/** What the main thread hands the parse worker. */
export interface TabularWorkerData {
  entry: string;
  file: string;
  kind: TabularKind;
  limits: TabularLimits;
  header: boolean;
  batchRows: number;
  /** A module exporting `createRowMapper(options)` (see row-mapper.ts); without one, batches are the plain rows. */
  mapper?: { module: string; options: unknown };
}

/** Worker → main thread. Each `rows` batch is acknowledged with `{t: 'ack'}` once it has been used. */
export type WorkerMessage =
  | { t: 'header'; cells: string[] }
  | { t: 'rows'; batch: unknown }
  | { t: 'done' }
  | { t: 'fail'; reason: 'limit' | 'unreadable'; message: string; limit?: TabularLimitName }
  | { t: 'fail'; reason: 'internal'; message: ''; internal: string };
