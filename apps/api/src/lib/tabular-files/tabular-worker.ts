import { parentPort, workerData } from 'node:worker_threads';
import { readCsvRows } from './csv-rows';
import { plainRows, type CreateRowMapper, type RowMapper } from './row-mapper';
import type { RowSink } from './row-sink';
import type { TabularWorkerData, WorkerMessage } from './tabular-protocol';
import { TabularFileError } from './tabular-limits';
import { readXlsxRows } from './xlsx-rows';

/**
 * Batches sent and not yet acknowledged; past this the parser waits, so memory stays
 * bounded (16 batches). A deeper window than 4 keeps the worker busy when threads are
 * scheduled late on a loaded machine, and lets it read ahead while the main thread
 * stores the batches before.
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

let headerPending = data.header;

try {
  const mapper: RowMapper = data.mapper
    ? ((await import(data.mapper.module)) as { createRowMapper: CreateRowMapper }).createRowMapper(data.mapper.options as never)
    : plainRows();
  const flush = () => {
    if (mapper.size === 0) return;
    send({ t: 'rows', batch: mapper.take() });
    inFlight++;
  };
  const sink: RowSink = {
    row(line, cells) {
      if (headerPending) {
        if (cells.every((c) => c === '')) return false;
        headerPending = false;
        send({ t: 'header', cells });
        return false;
      }
      mapper.add(line, cells);
      if (mapper.size >= data.batchRows) flush();
      return inFlight >= MAX_IN_FLIGHT;
    },
    async drain() {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    },
  };
  await (data.kind === 'csv' ? readCsvRows : readXlsxRows)(data.file, data.limits, sink);
  flush();
  send({ t: 'done' });
} catch (e) {
  if (e instanceof TabularFileError) send({ t: 'fail', reason: e.reason, message: e.message, ...(e.limit ? { limit: e.limit } : {}) });
  else send({ t: 'fail', reason: 'internal', message: '', internal: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
