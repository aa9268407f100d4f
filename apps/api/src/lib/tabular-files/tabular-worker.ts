import { parentPort, workerData } from 'node:worker_threads';
import { readCsvRows } from './csv-rows';
import type { RowSink } from './row-sink';
import type { TabularWorkerData, WorkerMessage } from './tabular-protocol';
import { TabularFileError } from './tabular-limits';
import { readXlsxRows } from './xlsx-rows';

/**
 * Batches sent and not yet acknowledged; past this the parser waits, so memory stays
 * bounded (16 × 500 rows). A deeper window than 4 keeps the worker busy when threads are
 * scheduled late on a loaded machine.
 */
const MAX_IN_FLIGHT = 16;

const data = workerData as TabularWorkerData;
const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);

let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (m: { t: string }) => {
  if (m.t !== 'ack') return;
  inFlight--;
  wake?.();
});

let lines: number[] = [];
let rows: string[][] = [];
let headerPending = data.header;

function flush() {
  if (rows.length === 0) return;
  send({ t: 'rows', lines, rows });
  inFlight++;
  lines = [];
  rows = [];
}

const sink: RowSink = {
  row(line, cells) {
    if (headerPending) {
      if (cells.every((c) => c === '')) return false;
      headerPending = false;
      send({ t: 'header', cells });
      return false;
    }
    lines.push(line);
    rows.push(cells);
    if (rows.length >= data.batchRows) flush();
    return inFlight >= MAX_IN_FLIGHT;
  },
  async drain() {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  },
};

try {
  await (data.kind === 'csv' ? readCsvRows : readXlsxRows)(data.file, data.limits, sink);
  flush();
  send({ t: 'done' });
} catch (e) {
  if (e instanceof TabularFileError) send({ t: 'fail', reason: e.reason, message: e.message, ...(e.limit ? { limit: e.limit } : {}) });
  else send({ t: 'fail', reason: 'internal', message: '', internal: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
