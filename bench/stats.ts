import pg from 'pg';
import { openPostgres } from '../apps/api/src/db/client';
import { migrate } from '../apps/api/src/db/migrate';
import { ADMIN, ensureDataset } from './lib/dataset';
import { machine, writeResults } from './lib/environment';
import { requestJson } from './lib/http-client';
import { ms, time, type Timing } from './lib/measure';
import { benchDatabase, startApi } from './lib/servers';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
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
      `Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    ]);
  } finally {
    await sqlClient.end();
    await api.stop();
    server?.stop();
  }
}
