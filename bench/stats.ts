import pg from 'pg';
import { openPostgres } from '../apps/api/src/db/client';
import { migrate } from '../apps/api/src/db/migrate';
import { ADMIN, ensureDataset } from './lib/dataset';
import { machine, writeResults } from './lib/environment';
import { requestJson } from './lib/http-client';
import { ALL_WEEK, copyDataset, load, summarize, type Phase } from './lib/load';
import { ms, percentile, time, type Timing } from './lib/measure';
import { eventLags, openStatsStream } from './lib/sse-client';
import { benchDatabase, startApi } from './lib/servers';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PHASE_MS = Number(process.env.BENCH_PHASE_SECONDS ?? 20) * 1000;
const DIALERS = 8;
const STREAMS = 50;
/** Reports before the first measured phase, so none of the three starts on cold caches. */
const WARM_UP_MS = 5_000;
const REPORT_STATUSES = ['MISSED', 'MISSED', 'CONNECTED', 'BUSY', 'NOT_INTERESTED', 'HANGUP'];
const TIMEFRAMES = ['all', 'today', '1h', '3h', '7d', '30d'] as const;

// The seed's dashboard queries (salehi-dialer-admin-panel.md "Dashboard Statistics":
// the latest result of each number by max(id), aggregations over call_results), as
// company alpha, same data, same run.
const SEED_LATEST = `SELECT number_id, max(id) AS id FROM call_results WHERE company_id = $1 GROUP BY number_id`;
const SEED = {
  distributionAll: `
    SELECT coalesce(cr.status, 'IN_QUEUE') AS status, count(*) FROM numbers n
    LEFT JOIN (${SEED_LATEST}) l ON l.number_id = n.id LEFT JOIN call_results cr ON cr.id = l.id GROUP BY 1`,
  distribution7d: `
    SELECT cr.status, count(*) FROM (${SEED_LATEST}) l JOIN call_results cr ON cr.id = l.id
    WHERE cr.attempted_at >= now() - interval '7 days' GROUP BY 1`,
  attemptsAll: `SELECT status, count(*) FROM call_results WHERE company_id = $1 GROUP BY status`,
  attempts7d: `SELECT status, count(*) FROM call_results WHERE company_id = $1 AND attempted_at >= now() - interval '7 days' GROUP BY status`,
  hourly7d: `
    SELECT date_trunc('hour', attempted_at AT TIME ZONE 'Asia/Tehran') AS h, status, count(*) FROM call_results
    WHERE company_id = $1 AND attempted_at >= now() - interval '7 days' GROUP BY 1, 2`,
  daily30d: `
    SELECT date_trunc('day', attempted_at AT TIME ZONE 'Asia/Tehran') AS d, status, count(*) FROM call_results
    WHERE company_id = $1 AND attempted_at >= now() - interval '30 days' GROUP BY 1, 2`,
};

/**
 * `npm run bench -- stats`: every statistics endpoint and timeframe over HTTP as company
 * alpha's admin on the 2M numbers / 3M results dataset, beside the seed's queries.
 */
export async function benchStats(): Promise<void> {
  const started = Date.now();
  const { url, server } = await benchDatabase();
  const handle = openPostgres(url, { max: 2 });
  await migrate(handle.db);
  await handle.close();
  const { companyIds } = await ensureDataset(url);
  const sqlClient = new pg.Client({ connectionString: url });
  await sqlClient.connect();
  const pgVersion = (await sqlClient.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v.split(' on ')[0]!;
  const api = await startApi(url, 18_800 + Math.floor(Math.random() * 90));
  let apiStopped = false;
  let clientEnded = false;
  try {
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { access_token: string }).access_token;
    const get = (path: string) => () => requestJson(`${api.url}${path}`, { token });

    console.log('Measuring the statistics endpoints over HTTP…');
    const ours: { label: string; t: Timing }[] = [];
    const measure = async (label: string, path: string) => {
      const t = await time(get(path), RUNS);
      ours.push({ label, t });
      return t;
    };
    const byTf: Record<string, Timing> = {};
    for (const tf of TIMEFRAMES)
      byTf[`numbers ${tf}`] = await measure(`numbers-summary ${tf}`, `/api/stats/numbers-summary?timeframe=${tf}`);
    for (const tf of TIMEFRAMES)
      byTf[`attempts ${tf}`] = await measure(`attempts-summary ${tf}`, `/api/stats/attempts-summary?timeframe=${tf}`);
    for (const [span, g] of [
      ['6h', 'hourly'],
      ['24h', 'hourly'],
      ['7d', 'hourly'],
      ['7d', 'daily'],
      ['30d', 'daily'],
      ['30d', 'hourly'],
    ] as const) {
      byTf[`trend ${span} ${g}`] = await measure(`attempt-trend ${span} ${g}`, `/api/stats/attempt-trend?span=${span}&granularity=${g}`);
    }
    for (const by of ['campaign', 'agent', 'line', 'scenario'] as const) {
      for (const tf of ['today', '7d', '30d', 'all'] as const) {
        await measure(`breakdown by ${by}, ${tf}`, `/api/stats/breakdown?by=${by}&timeframe=${tf}`);
      }
    }
    const all = await requestJson<{ total: number }>(`${api.url}/api/stats/attempts-summary?timeframe=all`, { token });

    console.log("Measuring the seed's queries (SQL only, 3 runs each)…");
    const seed = async (q: string) => time(() => sqlClient.query(q, [companyIds.alpha]), 3, 1);
    const seedRows: [string, Timing, Timing][] = [
      ['current-status distribution, all time', await seed(SEED.distributionAll), byTf['numbers all']!],
      ['current-status distribution, 7 days', await seed(SEED.distribution7d), byTf['numbers 7d']!],
      ['attempts by status, all time', await seed(SEED.attemptsAll), byTf['attempts all']!],
      ['attempts by status, 7 days', await seed(SEED.attempts7d), byTf['attempts 7d']!],
      ['hourly trend, 7 days', await seed(SEED.hourly7d), byTf['trend 7d hourly']!],
      ['daily trend, 30 days', await seed(SEED.daily30d), byTf['trend 30d daily']!],
    ];

    // The copy needs the dataset database to itself.
    await api.stop();
    apiStopped = true;
    await sqlClient.end();
    clientEnded = true;
    const streamLines = await streamsUnderLoad(url);

    const worst = ours.reduce((w, x) => (x.t.p95 > w.t.p95 ? x : w));
    const ratio = (s: Timing, o: Timing) => `${Math.round(s.median / o.median).toLocaleString('en')}×`;
    writeResults('stats', [
      '# Statistics benchmark',
      '',
      'Command: `npm run bench -- stats` (data generated in a PostgreSQL 15 server the benchmark starts; set `BENCH_DATABASE_URL` to use another).',
      '',
      machine(pgVersion),
      '',
      `Dataset: 2,000,000 numbers, 3,000,000 call results over 90 days, 3 companies; company alpha holds ${all.total.toLocaleString('en')} attempts. Measured as alpha's admin over HTTP against the API server process (keep-alive, one client), ${RUNS} runs after 3 warm-ups.`,
      '',
      '## Every endpoint and timeframe (HTTP, end to end)',
      '',
      '| request | median | p95 | runs |',
      '| --- | --- | --- | --- |',
      ...ours.map(({ label, t }) => `| ${label} | ${ms(t.median)} | ${ms(t.p95)} | ${t.runs} |`),
      '',
      `Target: every p95 ≤ 25 ms. Worst p95: ${worst.label}, ${ms(worst.t.p95)} — ${worst.t.p95 <= 25 ? 'met' : 'missed'}.`,
      '',
      "## The seed's queries, same data, same run (SQL only, no HTTP)",
      '',
      '| query | seed median | runs | ours (HTTP) median | ratio |',
      '| --- | --- | --- | --- | --- |',
      ...seedRows.map(([label, s, o]) => `| ${label} | ${ms(s.median)} | ${s.runs} | ${ms(o.median)} | ${ratio(s, o)} |`),
      '',
      'Target: the all-time distribution ≥ 100× the seed.',
      '',
      ...streamLines,
      '',
      `Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    ]);
  } finally {
    if (!clientEnded) await sqlClient.end();
    if (!apiStopped) await api.stop();
    server?.stop();
  }
}

/**
 * Live statistics under load, on a throw-away copy of the dataset: 8 dialers report
 * results one by one (report-result) for a phase with no dashboard open, one with 50
 * open streams, and one with none again (the two without streams bracket the one with,
 * so the table's growth does not favour either side). Each stream's lag: from a
 * report's acknowledgement to the first event that counts it (sse-client.ts eventLags).
 */
async function streamsUnderLoad(baseUrl: string): Promise<string[]> {
  const { url, admin, runDb } = await copyDataset(baseUrl, 'stream_run');
  const api = await startApi(url, 18_900 + Math.floor(Math.random() * 90));
  try {
    const userToken = (
      await requestJson<{ access_token: string }>(`${api.url}/api/auth/login`, {
        method: 'POST',
        token: '',
        body: JSON.stringify(ADMIN),
      })
    ).access_token;
    await requestJson(`${api.url}/api/schedule`, {
      method: 'PUT',
      token: userToken,
      body: JSON.stringify({ enabled: true, skip_holidays: false, windows: ALL_WEEK }),
    });
    const dialerToken = (
      await requestJson<{ token: string }>(`${api.url}/api/dialer/tokens`, {
        method: 'POST',
        token: userToken,
        body: JSON.stringify({ name: 'bench-streams' }),
      })
    ).token;

    // Numbers to report: leased beforehand, so the phases measure reports alone.
    console.log('Live statistics: leasing numbers to report…');
    const toReport: number[] = [];
    const need = Math.ceil((3 * PHASE_MS + WARM_UP_MS) / 1000) * 6_000;
    await load(DIALERS, 120_000, async () => {
      if (toReport.length >= need) return 0;
      const b = await requestJson<{ call_allowed: boolean; batch: { numbers: { id: number }[] } | null }>(
        `${api.url}/api/dialer/next-batch?size=100`,
        { token: dialerToken },
      );
      if (!b.call_allowed || !b.batch) throw new Error(`next-batch refused: ${JSON.stringify(b).slice(0, 300)}`);
      for (const n of b.batch.numbers) toReport.push(n.id);
      // Empty batches at first: the walk passes alpha's 1.06M called numbers, at most 20,000 a call.
      return 1;
    });
    if (toReport.length < need) throw new Error(`only ${toReport.length} of ${need} numbers leased in 2 minutes`);
    let cursor = 0;
    const reportPhase = async (label: string, durationMs = PHASE_MS): Promise<{ phase: Phase; acks: number[] }> => {
      console.log(`Live statistics: report-result, ${DIALERS} dialers, ${label}…`);
      const acks: number[] = [];
      const r = await load(DIALERS, durationMs, async () => {
        const id = toReport[cursor++];
        if (id === undefined) return 0;
        await requestJson(`${api.url}/api/dialer/report-result`, {
          method: 'POST',
          token: dialerToken,
          body: JSON.stringify({ number_id: id, status: REPORT_STATUSES[id % REPORT_STATUSES.length], duration_seconds: id % 120 }),
        });
        acks.push(performance.now());
        return 1;
      });
      return { phase: summarize(r.latencies, r.seconds, r.units), acks };
    };

    await reportPhase('warm-up', WARM_UP_MS);
    const before = await reportPhase('no stream open');
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, async () => {
        const { ticket } = await requestJson<{ ticket: string }>(`${api.url}/api/stats/stream-ticket`, {
          method: 'POST',
          token: userToken,
          body: '{}',
        });
        return openStatsStream(`${api.url}/api/stats/stream?ticket=${encodeURIComponent(ticket)}`);
      }),
    );
    // Every stream's first event (today's figures at connect) before the reports start.
    for (let i = 0; i < 100 && streams.some((x) => x.events.length === 0); i++) await new Promise((r) => setTimeout(r, 50));
    const during = await reportPhase(`${STREAMS} streams open`);
    await new Promise((r) => setTimeout(r, 2_500));
    for (const x of streams) x.close();
    const after = await reportPhase('no stream open again');

    const lags: number[] = [];
    let missing = 0;
    let events = 0;
    for (const x of streams) {
      const l = eventLags(during.acks, x.events);
      lags.push(...l.lags);
      missing += l.missing;
      events += x.events.length;
    }
    lags.sort((a, b) => a - b);
    const without = (before.phase.perSecond + after.phase.perSecond) / 2;
    const change = (during.phase.perSecond / without - 1) * 100;
    const p99 = percentile(lags, 99);
    const row = (label: string, p: Phase) =>
      `| ${label} | ${p.perSecond.toFixed(0)} reports/s | ${ms(p.p50)} | ${ms(p.p99)} | ${p.count.toLocaleString('en')} |`;
    return [
      '## Live statistics under load',
      '',
      `One API server process; ${DIALERS} dialers report results one at a time (report-result over HTTP, keep-alive) for ${PHASE_MS / 1000} s per phase, on a copy of the dataset; ${STREAMS} dashboard streams (GET /api/stats/stream, one socket each) are open during the middle phase only.`,
      '',
      '| phase | throughput | p50 | p99 | reports |',
      '| --- | --- | --- | --- | --- |',
      row('no stream open', before.phase),
      row(`${STREAMS} streams open`, during.phase),
      row('no stream open again', after.phase),
      '',
      `- Throughput with ${STREAMS} streams open: ${change >= 0 ? '+' : ''}${change.toFixed(1)}% against the mean of the two phases without (target: within 10%) — ${change >= -10 ? 'met' : 'missed'}.`,
      `- Event lag (a report's acknowledgement to the first event on a stream that counts it), over ${lags.length.toLocaleString('en')} report × stream pairs: p50 ${ms(percentile(lags, 50))}, p99 ${ms(p99)}, max ${ms(lags[lags.length - 1] ?? NaN)} (target p99 ≤ 1.5 s) — ${p99 <= 1500 ? 'met' : 'missed'}. ${events.toLocaleString('en')} events received in all; reports no event counted: ${missing}.`,
    ];
  } finally {
    await api.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${runDb} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
