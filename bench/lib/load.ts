import pg from 'pg';
import { percentile } from './measure';

/** A schedule open all week (the dialer refuses to hand out numbers outside it). */
export const ALL_WEEK = Array.from({ length: 7 }, (_, d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));

export interface Phase {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(latencies: number[], seconds: number, count = latencies.length): Phase {
  const s = [...latencies].sort((a, b) => a - b);
  return { count, seconds, perSecond: count / seconds, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

/** `clients` loops calling `fn` until the time is up; latency of every call. */
export async function load(
  clients: number,
  durationMs: number,
  fn: (client: number) => Promise<number>,
): Promise<{ latencies: number[]; units: number; seconds: number }> {
  const latencies: number[] = [];
  let units = 0;
  const start = performance.now();
  const until = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const n = await fn(c); // (not `units += await …`: that reads `units` before the await and loses updates)
        if (n === 0) break; // nothing left to do for this client
        units += n;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, units, seconds: (performance.now() - start) / 1000 };
}

/**
 * A throw-away copy of the dataset database (`<db>_<suffix>`), for a run that writes: the
 * dataset is generated once and every such run starts from it unchanged. The caller drops
 * `runDb` with `admin` when done.
 */
export async function copyDataset(baseUrl: string, suffix: string): Promise<{ url: string; admin: pg.Client; runDb: string }> {
  const admin = new pg.Client({ connectionString: baseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const srcDb = baseUrl.replace(/^.*\//, '');
  const runDb = `${srcDb}_${suffix}`;
  await admin.query(`DROP DATABASE IF EXISTS ${runDb}`);
  const copyStart = Date.now();
  // FILE_COPY: a plain file copy, not 3 GB of WAL whose flushing would pollute the figures.
  await admin.query(`CREATE DATABASE ${runDb} TEMPLATE ${srcDb} STRATEGY = FILE_COPY`);
  await admin.query('CHECKPOINT');
  console.log(`Copied the dataset in ${((Date.now() - copyStart) / 1000).toFixed(0)} s`);
  return { url: baseUrl.replace(/\/[^/]*$/, `/${runDb}`), admin, runDb };
}
