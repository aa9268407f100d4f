import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../apps/api/src/db/client';
import { migrate } from '../apps/api/src/db/migrate';
import { ADMIN, ensureDataset } from './lib/dataset';
import { machine, writeResults } from './lib/environment';
import { ALL_WEEK, copyDataset, load, summarize, type Phase } from './lib/load';
import { ms, percentile } from './lib/measure';
import { requestJson } from './lib/http-client';
import { benchDatabase, startApi, type ApiServer } from './lib/servers';

const PHASE_MS = Number(process.env.BENCH_PHASE_SECONDS ?? 20) * 1000;
const CLIENTS = 8;

const json = requestJson;

type Batch = { call_allowed: boolean; batch: { numbers: Array<{ id: number; phone_number: string }> } };

/** next-batch over HTTP by 8 dialers; every number handed out is checked for duplicates. */
async function nextBatchPhase(api: ApiServer, token: string, seen: Set<number>, dups: { n: number }) {
  const r = await load(CLIENTS, PHASE_MS, async () => {
    const b = await json<Batch>(`${api.url}/api/dialer/next-batch?size=100`, { token });
    if (!b.call_allowed) throw new Error('refused');
    for (const n of b.batch.numbers) {
      if (seen.has(n.id)) dups.n++;
      seen.add(n.id);
    }
    return 1;
  });
  return summarize(r.latencies, r.seconds);
}

// The seed's documented dispatch: release stale locks, NOT EXISTS over call_results with
// FOR UPDATE SKIP LOCKED, assign, audit — one transaction per batch of 100.
async function seedDispatch(client: pg.Client, companyId: number): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(`UPDATE numbers SET assigned_at = NULL, assigned_batch_id = NULL WHERE assigned_at < now() - interval '60 minutes'`);
    const picked = await client.query<{ id: number }>(
      `SELECT n.id, n.phone_number FROM numbers n
       WHERE n.global_status = 'ACTIVE' AND n.assigned_at IS NULL
         AND (n.last_called_at IS NULL OR n.last_called_at < now() - interval '3 days')
         AND NOT EXISTS (SELECT 1 FROM call_results cr WHERE cr.number_id = n.id AND cr.company_id = $1)
       ORDER BY n.id LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [companyId],
    );
    const batch = randomUUID();
    await client.query(`UPDATE numbers SET assigned_at = now(), assigned_batch_id = $1 WHERE id = ANY($2::int[])`, [
      batch,
      picked.rows.map((r) => r.id),
    ]);
    await client.query(`INSERT INTO dialer_batches (id, company_id, size_requested, size_returned) VALUES ($1, $2, 100, $3)`, [
      batch,
      companyId,
      picked.rows.length,
    ]);
    await client.query('COMMIT');
    return picked.rows.length;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

const STATUSES = ['MISSED', 'MISSED', 'MISSED', 'CONNECTED', 'CONNECTED', 'BUSY', 'NOT_INTERESTED', 'HANGUP', 'FAILED', 'UNKNOWN'];

export async function benchDialer(): Promise<void> {
  const started = Date.now();
  const { url: baseUrl, server } = await benchDatabase();
  // The dataset is generated once; every run works on a throw-away copy of it.
  const handle = openPostgres(baseUrl, { max: 2 });
  await migrate(handle.db);
  await handle.close();
  const { companyIds } = await ensureDataset(baseUrl);
  const { url, admin, runDb } = await copyDataset(baseUrl, 'dialer_run');
  const sqlc = new pg.Client({ connectionString: url });
  await sqlc.connect();
  const pgVersion = (await sqlc.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v.split(' on ')[0]!;
  const alpha = companyIds.alpha!;

  let api: ApiServer | undefined;
  const out: string[] = [];
  try {
    // Baseline first, on the untouched copy, with the index the seed's schema gives its
    // NOT EXISTS probe, (number_id, company_id); ours does not need it. Measured as alpha
    // (the company of our figures, whose 1.06M called numbers sit at the front of the id
    // order the seed's query walks) and as gamma (whose called numbers do not).
    await sqlc.query('CREATE INDEX seed_call_results_number_company ON call_results (number_id, company_id)');
    // The seed's schema also names the batch on each leased number (ours does not, migration 0006).
    await sqlc.query('ALTER TABLE numbers ADD COLUMN assigned_batch_id text');
    await sqlc.query('ANALYZE call_results');
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    const seedPhase = async (companyId: number, label: string) => {
      console.log(`Seed dispatch baseline as ${label}: ${CLIENTS} connections for ${PHASE_MS / 2000} s…`);
      const r = await load(CLIENTS, PHASE_MS / 2, async (i) => {
        await seedDispatch(clients[i]!, companyId);
        return 1;
      });
      await sqlc.query(
        `UPDATE numbers SET assigned_at = NULL, assigned_batch_id = NULL, assigned_company_id = NULL WHERE assigned_at IS NOT NULL`,
      );
      return summarize(r.latencies, r.seconds);
    };
    const baseline = await seedPhase(alpha, 'alpha');
    const baselineGamma = await seedPhase(companyIds.gamma!, 'gamma');
    await Promise.all(clients.map((c) => c.end()));
    await sqlc.query('DROP INDEX seed_call_results_number_company');
    await sqlc.query(`UPDATE numbers SET assigned_at = NULL, assigned_company_id = NULL WHERE assigned_at IS NOT NULL`);
    await sqlc.query('ALTER TABLE numbers DROP COLUMN assigned_batch_id');
    await sqlc.query(`DELETE FROM dialer_batches`);
    await sqlc.query('VACUUM ANALYZE numbers');
    await sqlc.query('CHECKPOINT');

    // A server that has been running holds its hot tables in memory; a fresh copy does
    // not. Load them the way a warmed-up server has them (pg_prewarm ships with PostgreSQL).
    await sqlc.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    await sqlc.query(`SELECT pg_prewarm(c) FROM unnest(ARRAY['numbers', 'numbers_pkey', 'numbers_lane', 'numbers_phone_key',
      'number_states_pkey', 'number_states', 'users', 'companies']::regclass[]) AS c`);

    api = await startApi(url, 19_000 + Math.floor(Math.random() * 90));
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const userToken = ((await login.json()) as { access_token: string }).access_token;
    await json(`${api.url}/api/schedule`, {
      method: 'PUT',
      token: userToken,
      body: JSON.stringify({ enabled: true, skip_holidays: false, windows: ALL_WEEK }),
    });
    const dialerToken = (
      await json<{ token: string }>(`${api.url}/api/dialer/tokens`, {
        method: 'POST',
        token: userToken,
        body: JSON.stringify({ name: 'bench' }),
      })
    ).token;

    // Warm-up: the walk's first pass over alpha's called region (ids 1..1.06M).
    const seen = new Set<number>();
    const dups = { n: 0 };
    let warm = 0;
    const warmStart = performance.now();
    for (;;) {
      const t0 = performance.now();
      const b = await json<Batch>(`${api.url}/api/dialer/next-batch?size=100`, { token: dialerToken });
      for (const n of b.batch.numbers) seen.add(n.id);
      warm++;
      if (performance.now() - t0 < 15 || warm > 400) break;
    }
    const warmMs = performance.now() - warmStart;

    console.log(`next-batch: ${CLIENTS} dialers for ${PHASE_MS / 1000} s…`);
    const ours = await nextBatchPhase(api, dialerToken, seen, dups);

    console.log('report-result: 8 dialers reporting the numbers they were handed…');
    const toReport = [...seen];
    let cursor = 0;
    const reportPhase = await load(CLIENTS, PHASE_MS, async () => {
      const id = toReport[cursor++];
      if (id === undefined) return 0;
      await json(`${api!.url}/api/dialer/report-result`, {
        method: 'POST',
        token: dialerToken,
        body: JSON.stringify({
          number_id: id,
          status: STATUSES[id % STATUSES.length],
          duration_seconds: id % 200,
          report_id: `bench-${id}`,
        }),
      });
      return 1;
    });
    const reportSingle = summarize(reportPhase.latencies, reportPhase.seconds, reportPhase.units);

    console.log('report-results: batches of 500…');
    const rest = toReport.slice(cursor);
    let bulkCursor = 0;
    const bulkPhase = await load(4, Math.min(PHASE_MS, 15_000), async () => {
      const slice = rest.slice(bulkCursor, bulkCursor + 500);
      bulkCursor += 500;
      if (slice.length === 0) return 0;
      await json(`${api!.url}/api/dialer/report-results`, {
        method: 'POST',
        token: dialerToken,
        body: JSON.stringify({
          results: slice.map((id) => ({ number_id: id, status: STATUSES[id % STATUSES.length], report_id: `bench-${id}` })),
        }),
      });
      return slice.length;
    });
    const bulk = summarize(bulkPhase.latencies, bulkPhase.seconds, bulkPhase.units);

    // Exactly once: one call result per report id, every reported number unlocked.
    const check = await sqlc.query<{ rows: number; distinct_ids: number; locked_reported: number }>(`
      SELECT count(*)::int AS rows, count(DISTINCT report_id)::int AS distinct_ids,
             (SELECT count(*)::int FROM numbers n JOIN call_results r ON r.number_id = n.id AND r.report_id LIKE 'bench-%' WHERE n.assigned_at IS NOT NULL) AS locked_reported
      FROM call_results WHERE report_id LIKE 'bench-%'`);
    const c = check.rows[0]!;
    const reportsSent = reportSingle.count + bulk.count;
    // A retry of an already recorded report answers duplicate and adds nothing.
    const retry = await json<{ duplicate: boolean }>(`${api.url}/api/dialer/report-result`, {
      method: 'POST',
      token: dialerToken,
      // The same body again (a different body under the same report_id is a 409).
      body: JSON.stringify({
        number_id: toReport[0],
        status: STATUSES[toReport[0]! % STATUSES.length],
        duration_seconds: toReport[0]! % 200,
        report_id: `bench-${toReport[0]}`,
      }),
    });

    // The drained pool: ids 1..1.5M called by alpha; the walk starts again from 0.
    console.log('Draining: marking numbers 1..1,500,000 as called by alpha…');
    await sqlc.query(
      `
      INSERT INTO number_states (company_id, number_id, status, total_attempts, last_attempt_at, status_changed_at, last_result_id)
      SELECT $1, g, 'MISSED', 1, now() - interval '10 days', now() - interval '10 days', 0
      FROM generate_series(1, 1500000) g ON CONFLICT DO NOTHING`,
      [alpha],
    );
    await sqlc.query(`UPDATE numbers SET assigned_at = NULL, assigned_company_id = NULL WHERE assigned_at IS NOT NULL`);
    await sqlc.query(`DELETE FROM dialer_lanes WHERE company_id = $1`, [alpha]);
    await sqlc.query(`DELETE FROM dialer_deferred WHERE company_id = $1`, [alpha]);
    await sqlc.query('VACUUM ANALYZE number_states');
    await sqlc.query('CHECKPOINT');
    // The walk restarts from id 0 and must pass 1.5M called numbers once (at most 20,000
    // per call): sequential calls until one is fast again; reported apart from the phase.
    const drainedFirst: number[] = [];
    for (let i = 0; i < 400; i++) {
      const t0 = performance.now();
      await json<Batch>(`${api.url}/api/dialer/next-batch?size=100`, { token: dialerToken });
      drainedFirst.push(performance.now() - t0);
      if (drainedFirst.length >= 8 && drainedFirst.slice(-8).every((x) => x < 15)) break;
    }
    const seen2 = new Set<number>();
    const dups2 = { n: 0 };
    console.log(`next-batch on the drained pool: ${CLIENTS} dialers for ${PHASE_MS / 1000} s…`);
    const drained = await nextBatchPhase(api, dialerToken, seen2, dups2);
    const below = [...seen2].filter((id) => id <= 1_500_000).length;

    const row = (label: string, p: Phase, unit: string, target: string) =>
      `| ${label} | ${p.perSecond.toFixed(0)} ${unit}/s | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} | ${p.count.toLocaleString('en')} | ${target} |`;
    out.push(
      '# Dialer benchmark',
      '',
      'Command: `npm run bench -- dialer` (on the number-pool dataset in a PostgreSQL 15 server the benchmark starts, durable settings; each run works on a fresh copy of the dataset; `BENCH_DATABASE_URL` uses another server).',
      '',
      machine(pgVersion),
      '',
      `Dataset: 2,000,000 numbers, 3,000,000 call results, 3 companies, the numbers stored in id order as an import leaves them (fillfactor 70, migration 0006); measured as company alpha (1.06M of the pool already called by it), after loading the hot tables into memory with pg_prewarm (as a running server has them). One API server process; ${CLIENTS} concurrent dialers over HTTP (node:http, keep-alive) on the same 2 cores as the server and PostgreSQL; each phase ${PHASE_MS / 1000} s (the seed's, ${PHASE_MS / 2000} s per company).`,
      '',
      '| work | throughput | p50 | p99 | max | count | target |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      row("baseline: the seed's dispatch transaction as alpha (SQL, 8 connections, no HTTP)", baseline, 'batches', '—'),
      row("the seed's dispatch transaction as gamma (its called numbers not at the front)", baselineGamma, 'batches', '—'),
      row('next-batch, size 100, 8 dialers (HTTP)', ours, 'batches', '≥ 200/s, p99 ≤ 50 ms'),
      row('next-batch on the drained pool (ids 1..1.5M called), 8 dialers', drained, 'batches', 'p99 does not grow'),
      row('report-result, 8 dialers (HTTP)', reportSingle, 'reports', '≥ 2,000/s, p99 ≤ 20 ms'),
      row('report-results, batches of 500, 4 clients (HTTP)', bulk, 'results', '≥ 20,000 results/s'),
      '',
      `- next-batch vs the seed's transaction for the same company: **${(ours.perSecond / baseline.perSecond).toFixed(0)}×** the batches per second (target ≥ 20×), p99 ${(baseline.p99 / ours.p99).toFixed(0)}× lower. Against the seed's best case here, gamma, whose called numbers its query does not have to walk past: ${(ours.perSecond / baselineGamma.perSecond).toFixed(1)}× (PERF-NOTES measured about 9 batches/s on its own dataset, between the two).`,
      `- Warm-up before the first phase: ${warm} sequential batches (${(warmMs / 1000).toFixed(1)} s) while the walk passed alpha's already-called region for the first time. On the drained pool the walk was restarted from id 0: the ${drainedFirst.length} sequential batches it took to pass the 1.5M called numbers once took p50 ${ms(
        percentile(
          [...drainedFirst].sort((a, b) => a - b),
          50,
        ),
      )}, max ${ms(Math.max(...drainedFirst))} (each call walks at most 20,000 numbers); they are not in the phase figures.`,
      `- Duplicates handed out: **${dups.n}** in the first phase, **${dups2.n}** on the drained pool; ${below} numbers with ids ≤ 1.5M were handed out on the drained pool (expected 0).`,
      `- Reports: ${reportsSent.toLocaleString('en')} sent, ${c.rows.toLocaleString('en')} call results recorded for ${c.distinct_ids.toLocaleString('en')} report ids (lost: ${reportsSent - c.distinct_ids}, double-counted: ${c.rows - c.distinct_ids}); a retried report answered duplicate=${retry.duplicate}; reported numbers still locked: ${c.locked_reported}.`,
      '',
      `Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    writeResults('dialer', out);
  } finally {
    await api?.stop();
    await sqlc.end();
    await admin.query(`DROP DATABASE IF EXISTS ${runDb} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    server?.stop();
  }
}
