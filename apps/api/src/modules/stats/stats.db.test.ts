import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { BreakdownBy, Timeframe } from '@dialdeck/contracts/stats';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser } from '../../../test/factories';
import type { CompanyRow } from '../../db/schema/database';
import { loadMigrations, migrate } from '../../db/migrate';
import { tenantDb } from '../../db/tenant';
import { fixedClock } from '../../lib/time';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { CampaignsService } from '../campaigns/campaigns.service';
import { CompaniesRepository } from '../companies/companies.repository';
import { CompaniesService } from '../companies/companies.service';
import { NumbersRepository } from '../numbers/numbers.repository';
import { NumbersService } from '../numbers/numbers.service';
import { timeframeStart, trendBucketStarts } from './stats-buckets';
import { StatsFolder } from './stats-fold';
import { StatsFoldRepository } from './stats-fold.repository';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

const STATUSES: CallStatus[] = ['MISSED', 'CONNECTED', 'BUSY', 'NOT_INTERESTED', 'HANGUP', 'FAILED', 'POWER_OFF'];
const TIMEFRAMES: Timeframe[] = ['all', 'today', '1h', '3h', '7d', '30d'];
const DIMS: { by: BreakdownBy; column: string }[] = [
  { by: 'campaign', column: 'campaign_id' },
  { by: 'agent', column: 'agent_id' },
  { by: 'line', column: 'outbound_line_id' },
  { by: 'scenario', column: 'scenario_id' },
];

describe(`statistics against brute force (${ENGINE})`, () => {
  let t: TestDb;
  let service: StatsService;
  let numbersRepo: NumbersRepository;
  // Mid-quarter-hour, so every rolling timeframe starts inside a bucket (raw rows at its edge).
  const clock = fixedClock('2026-03-20T10:07:31.250Z');
  let a: CompanyRow;
  let b: CompanyRow;
  /** Nepal (+05:45): local hours on :15 UTC (grain 5 of migration 0021). */
  let c: CompanyRow;
  let campaignIds: number[];
  let agentIds: number[];
  let numberIds: number[];

  /** Results spread over 40 days before the clock (some just before it), as the system path writes them. */
  async function generate(company: CompanyRow, ids: number[], seed: number, agents: number[], campaigns: number[]) {
    // Three lines of the company (a call's line must exist: migration 0022).
    const lines = await sql<{ id: number }>`
      INSERT INTO outbound_lines (company_id, phone_number, display_name)
      SELECT ${company.id}, '+9821' || (${company.id} * 1000 + g)::text || '0000', 'Line ' || g FROM generate_series(1, 3) g
      RETURNING id`.execute(t.db);
    const lineIds = lines.rows.map((r) => r.id);
    // And two scenarios (migration 0025).
    const scenarios = await sql<{ id: number }>`
      INSERT INTO scenarios (company_id, name, display_name)
      SELECT ${company.id}, 'scenario-' || g, 'Scenario ' || g FROM generate_series(1, 2) g
      RETURNING id`.execute(t.db);
    const scenarioIds = scenarios.rows.map((r) => r.id);
    await sql`
      INSERT INTO call_results (company_id, number_id, status, attempted_at, source, campaign_id, agent_id, outbound_line_id,
                                scenario_id, duration_seconds, transferred)
      SELECT ${company.id}, ids.id,
             (${STATUSES}::text[])[1 + (g * 3 + ${seed}) % ${STATUSES.length}],
             ${clock.now()}::timestamptz - make_interval(secs => CASE WHEN g % 5 = 0 THEN (g * 37) % 4000 ELSE (g * 7919 + ${seed}) % (40 * 86400) END),
             CASE WHEN g % 11 = 0 THEN 'manual' ELSE 'dialer' END,
             CASE WHEN g % 4 = 0 THEN NULL ELSE (${campaigns}::int[])[1 + g % ${campaigns.length}] END,
             CASE WHEN g % 3 = 0 THEN NULL ELSE (${agents}::int[])[1 + g % ${agents.length}] END,
             CASE WHEN g % 2 = 0 THEN NULL ELSE (${lineIds}::int[])[1 + g % 3] END,
             CASE WHEN g % 6 = 0 THEN NULL ELSE (${scenarioIds}::int[])[1 + g % 2] END,
             CASE WHEN g % 7 = 0 THEN NULL ELSE (g * 13) % 300 END,
             g % 9 = 0
      FROM generate_series(1, ${ids.length * 3}) g
      JOIN LATERAL (SELECT (${ids}::int[])[1 + g % ${ids.length}] AS id) ids ON TRUE`.execute(t.db);
    await syncStates(company.id);
  }

  /** number_states as the report path keeps them: the latest result of each number. */
  async function syncStates(companyId: number) {
    await sql`DELETE FROM number_states WHERE company_id = ${companyId}`.execute(t.db);
    await sql`
      INSERT INTO number_states (company_id, number_id, status, total_attempts, last_attempt_at, status_changed_at, last_result_id, agent_id)
      SELECT r.company_id, r.number_id, r.status, a.n, r.attempted_at, r.attempted_at, r.id, r.agent_id
      FROM (SELECT number_id, max(id) AS id, count(*)::int AS n FROM call_results WHERE company_id = ${companyId} GROUP BY number_id) a
      JOIN call_results r ON r.id = a.id`.execute(t.db);
  }

  const start = (company: CompanyRow, tf: Timeframe) => timeframeStart(tf, clock.now(), company.timezone);
  const asObject = (rows: { status: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.status, r.count]));

  async function bruteAttempts(company: CompanyRow, tf: Timeframe, campaignId?: number) {
    const from = start(company, tf);
    const r = await sql<{ status: string; n: string }>`
      SELECT status, count(*) AS n FROM call_results
      WHERE company_id = ${company.id} AND source <> 'manual' ${from ? sql`AND attempted_at >= ${from}` : sql``}
        ${campaignId ? sql`AND campaign_id = ${campaignId}` : sql``}
      GROUP BY status`.execute(t.db);
    return Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  }

  async function bruteNumbers(company: CompanyRow, tf: Timeframe, campaignId?: number) {
    const from = start(company, tf);
    const r = await sql<{ status: string; n: string }>`
      SELECT coalesce(s.status, 'IN_QUEUE') AS status, count(*) AS n
      FROM numbers n LEFT JOIN number_states s ON s.company_id = ${company.id} AND s.number_id = n.id
      WHERE ${from ? sql`s.status_changed_at >= ${from}` : sql`TRUE`}
        ${campaignId ? sql`AND n.id IN (SELECT number_id FROM campaign_members WHERE campaign_id = ${campaignId})` : sql``}
      GROUP BY 1`.execute(t.db);
    return Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  }

  async function bruteBreakdown(company: CompanyRow, column: string, tf: Timeframe) {
    const from = start(company, tf);
    const r = await sql<{ key: number | null; total: string; connected: string; transferred: string; avg: string | null }>`
      SELECT ${sql.ref(column)} AS key, count(*) AS total, count(*) FILTER (WHERE status = 'CONNECTED') AS connected,
             count(*) FILTER (WHERE transferred) AS transferred, round(avg(duration_seconds), 1) AS avg
      FROM call_results WHERE company_id = ${company.id} AND source <> 'manual' ${from ? sql`AND attempted_at >= ${from}` : sql``}
      GROUP BY 1`.execute(t.db);
    return r.rows
      .map((x) => ({
        key: x.key,
        total: Number(x.total),
        connected: Number(x.connected),
        transferred: Number(x.transferred),
        avg_duration_seconds: x.avg === null ? null : Number(x.avg),
      }))
      .sort((p, q) => q.total - p.total || (p.key ?? 0) - (q.key ?? 0));
  }

  const TRENDS = [
    ['6h', 'hourly'],
    ['24h', 'hourly'],
    ['7d', 'hourly'],
    ['30d', 'hourly'],
    ['7d', 'daily'],
    ['30d', 'daily'],
  ] as const;

  /** Every bucket of every trend, by status, as one brute-force count per trend. */
  async function expectTrendsExact(company: CompanyRow) {
    for (const [span, granularity] of TRENDS) {
      const trend = await service.attemptTrend(company, { span, granularity });
      const starts = trendBucketStarts(span, granularity, clock.now(), company.timezone);
      const r = await sql<{ i: number; status: string; n: string }>`
        SELECT width_bucket(attempted_at, ${starts.map((d) => d.toISOString())}::timestamptz[]) - 1 AS i, status, count(*) AS n
        FROM call_results WHERE company_id = ${company.id} AND source <> 'manual' AND attempted_at >= ${starts[0]!}
        GROUP BY 1, 2`.execute(t.db);
      const expected = starts.map(() => ({}) as Record<string, number>);
      for (const x of r.rows) expected[x.i]![x.status] = Number(x.n);
      expect(
        trend.buckets.map((x) => asObject(x.by_status)),
        `${company.timezone} ${span} ${granularity}`,
      ).toEqual(expected);
    }
  }

  async function expectAllExact(company: CompanyRow) {
    await expectTrendsExact(company);
    for (const tf of TIMEFRAMES) {
      const attempts = await service.attemptsSummary(company, { timeframe: tf });
      expect(asObject(attempts.by_status), `attempts ${tf}`).toEqual(await bruteAttempts(company, tf));
      const numbers = await service.numbersSummary(company, { timeframe: tf });
      const expected = await bruteNumbers(company, tf);
      if (tf !== 'all') delete expected.IN_QUEUE;
      expect(asObject(numbers.by_status), `numbers ${tf}`).toEqual(expected);
      for (const { by, column } of DIMS) {
        const got = await service.breakdown(company, { by, timeframe: tf });
        expect(
          got.items.map(({ label: _label, ...x }) => x),
          `breakdown ${by} ${tf}`,
        ).toEqual(await bruteBreakdown(company, column, tf));
      }
    }
  }

  beforeAll(async () => {
    t = await createTestDb();
    a = await makeCompany(t.db, { timezone: 'Asia/Tehran', settings: { cost_per_connected: 1500 } });
    b = await makeCompany(t.db, { timezone: 'Asia/Jerusalem', locale: 'he' });
    const campaignsRepo = new CampaignsRepository(t.db);
    campaignIds = [(await campaignsRepo.create(a.id, 'Spring')).id, (await campaignsRepo.create(a.id, 'Renewals')).id];
    agentIds = [(await makeUser(t.db, { company: a })).id, (await makeUser(t.db, { company: a })).id];
    numbersRepo = new NumbersRepository(t.db);
    const campaigns = new CampaignsService(campaignsRepo);
    service = new StatsService(
      new StatsRepository(t.db),
      new NumbersService(numbersRepo, campaigns, clock),
      campaigns,
      new CompaniesService(new CompaniesRepository(t.db)),
      clock,
    );
    numberIds = await makeNumbers(t.db, freshPhones(300));
    await t.db.transaction().execute((tx) => campaigns.addMembers(tx, a.id, campaignIds[0]!, numberIds.slice(0, 120)));
    await generate(a, numberIds, 3, agentIds, campaignIds);
    await generate(b, numberIds.slice(100), 5, [(await makeUser(t.db, { company: b })).id], [(await campaignsRepo.create(b.id, 'B')).id]);
    c = await makeCompany(t.db, { timezone: 'Asia/Kathmandu', locale: 'en' });
    await generate(
      c,
      numberIds.slice(0, 150),
      2,
      [(await makeUser(t.db, { company: c })).id],
      [(await campaignsRepo.create(c.id, 'C')).id],
    );
  });
  afterAll(() => t.close());

  it('every summary, trend and breakdown equals a brute-force query, for every timeframe', async () => {
    await expectAllExact(a);
    await expectAllExact(b);
    await expectAllExact(c);
  });

  it('numbers-summary all totals the pool, as GET /api/numbers/stats does, with percentages adding up to 100', async () => {
    const all = await service.numbersSummary(a, { timeframe: 'all' });
    expect(all.total).toBe(await numbersRepo.count(a.id, {}));
    expect(all.by_status.find((s) => s.status === 'MISSED')?.count).toBe(await numbersRepo.count(a.id, { status: 'MISSED' }));
    expect(Math.abs(all.by_status.reduce((s, x) => s + x.percentage, 0) - 100)).toBeLessThanOrEqual(0.1);
    for (const s of all.by_status) expect(s.percentage * 10).toBe(Math.round(s.percentage * 10));
    // A timeframe's figures are what the drill-down filter lists.
    const week = await service.numbersSummary(a, { timeframe: '7d' });
    const from = start(a, '7d')!;
    for (const s of week.by_status) expect(await numbersRepo.count(a.id, { status: s.status, changedSince: from })).toBe(s.count);
  });

  it('with campaign_id: its results for attempts and breakdowns, its members for numbers', async () => {
    const c = campaignIds[0]!;
    for (const tf of TIMEFRAMES) {
      const attempts = await service.attemptsSummary(a, { timeframe: tf, campaignId: c });
      expect(asObject(attempts.by_status), `attempts ${tf}`).toEqual(await bruteAttempts(a, tf, c));
      const numbers = await service.numbersSummary(a, { timeframe: tf, campaignId: c });
      const expected = await bruteNumbers(a, tf, c);
      if (tf !== 'all') delete expected.IN_QUEUE;
      expect(asObject(numbers.by_status), `numbers ${tf}`).toEqual(expected);
    }
    const byAgent = await service.breakdown(a, { by: 'agent', timeframe: 'all', campaignId: c });
    const brute = await sql<{ n: string }>`
      SELECT count(*) AS n FROM call_results WHERE company_id = ${a.id} AND source <> 'manual' AND campaign_id = ${c}`.execute(t.db);
    expect(byAgent.items.reduce((s, x) => s + x.total, 0)).toBe(Number(brute.rows[0]!.n));
    await expect(service.attemptsSummary(a, { timeframe: 'all', campaignId: 999_999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fields: { campaign_id: 'no such campaign' },
    });
    // Another company's campaign is not this one's.
    await expect(service.attemptsSummary(b, { timeframe: 'all', campaignId: c })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the trend has every bucket, and today’s hourly buckets add up to today’s attempts', async () => {
    for (const [span, granularity] of [
      ['24h', 'hourly'],
      ['7d', 'daily'],
      ['30d', 'daily'],
      ['6h', 'hourly'],
    ] as const) {
      const trend = await service.attemptTrend(a, { span, granularity });
      const starts = trendBucketStarts(span, granularity, clock.now(), a.timezone);
      expect(trend.buckets.map((x) => new Date(x.timestamp).getTime())).toEqual(starts.map((d) => d.getTime()));
      for (let i = 0; i < starts.length; i++) {
        const end = starts[i + 1];
        const r = await sql<{ n: string }>`
          SELECT count(*) AS n FROM call_results WHERE company_id = ${a.id} AND source <> 'manual'
            AND attempted_at >= ${starts[i]!} ${end ? sql`AND attempted_at < ${end}` : sql``}`.execute(t.db);
        expect(trend.buckets[i]!.total, `${span} ${granularity} bucket ${i}`).toBe(Number(r.rows[0]!.n));
      }
    }
    const hourly = await service.attemptTrend(a, { span: '24h', granularity: 'hourly' });
    const midnight = start(a, 'today')!.getTime();
    const today = hourly.buckets.filter((x) => new Date(x.timestamp).getTime() >= midnight).reduce((s, x) => s + x.total, 0);
    expect(today).toBe((await service.attemptsSummary(a, { timeframe: 'today' })).total);
    expect(hourly.buckets[0]!.timestamp).toMatch(/T\d\d:00:00\.000\+03:30$/);
  });

  it('cost counts connected attempts at the company price; labels name campaigns, agents, lines and scenarios', async () => {
    const today = await service.attemptsSummary(a, { timeframe: 'all' });
    const connected = today.by_status.find((s) => s.status === 'CONNECTED')?.count ?? 0;
    expect(today.cost).toEqual({ connected, cost_per_connected: 1500, total: connected * 1500, currency: 'IRR' });
    const byCampaign = await service.breakdown(a, { by: 'campaign', timeframe: 'all' });
    expect(byCampaign.items.map((x) => x.label).sort()).toEqual(['No campaign', 'Renewals', 'Spring']);
    const byLine = await service.breakdown(a, { by: 'line', timeframe: 'all' });
    expect(byLine.items.map((x) => x.label).sort()).toEqual(['Line 1', 'Line 2', 'Line 3', 'No line']);
    const byScenario = await service.breakdown(a, { by: 'scenario', timeframe: 'all' });
    expect(byScenario.items.map((x) => x.label).sort()).toEqual(['No scenario', 'Scenario 1', 'Scenario 2']);
    expect(today.as_of).toBe('2026-03-20T13:37:31.250+03:30');
  });

  /** Rows waiting in the statistics inboxes (migration 0019). */
  async function inboxRows() {
    const r = await sql<{ n: string }>`
      SELECT (SELECT count(*) FROM stats_attempt_inbox) + (SELECT count(*) FROM stats_state_change_inbox) AS n`.execute(t.db);
    return Number(r.rows[0]!.n);
  }

  it('stays exact through a reset, a delete, a bulk status change, new reports and a cascade, however far the fold job is', async () => {
    const fold = new StatsFoldRepository(t.db);
    // After each write: exact with the write still in the inbox, again with part of the
    // inbox folded (a job behind), and the rest is left for later (a job that stopped).
    const checkpoint = async () => {
      await expectAllExact(a);
      expect(await fold.fold(7)).toBeGreaterThan(0);
      await expectAllExact(a);
    };
    // Reset: the company's results and state of these numbers go.
    await numbersRepo.reset(a.id, { ids: numberIds.slice(0, 40) });
    await checkpoint();
    // A bulk status change (manual results) moves current statuses but no attempts.
    await numbersRepo.setStatus(a.id, { ids: numberIds.slice(50, 90) }, 'NOT_INTERESTED', clock.now());
    await checkpoint();
    // New reports in the current bucket and one back-dated into the partial edge bucket of `1h`.
    await sql`
      INSERT INTO call_results (company_id, number_id, status, attempted_at, campaign_id, agent_id, duration_seconds)
      SELECT ${a.id}, id, 'CONNECTED', ${clock.now()}::timestamptz - (CASE WHEN id % 2 = 0 THEN interval '1 second' ELSE interval '59 minutes 50 seconds' END),
             ${campaignIds[1]!}, ${agentIds[0]!}, 42
      FROM unnest(${numberIds.slice(200, 230)}::int[]) id`.execute(t.db);
    await checkpoint();
    // A result rewritten in place (nothing does this today; the counters follow it anyway).
    await sql`UPDATE call_results SET status = 'BUSY', agent_id = NULL WHERE company_id = ${a.id} AND number_id = ${numberIds[210]!}`.execute(
      t.db,
    );
    await checkpoint();
    // Removing numbers from the pool cascades to every company's results and states.
    await numbersRepo.purge(a.id, { ids: numberIds.slice(280, 300) });
    await checkpoint();
    await expectAllExact(b);
    // A deleted agent's results keep counting, under no agent.
    await sql`DELETE FROM users WHERE id = ${agentIds[1]!}`.execute(t.db);
    await checkpoint();
    expect(await inboxRows()).toBeGreaterThan(0);
    // The job catches up: the inbox empties, and the counters alone give the same figures.
    const folder = new StatsFolder(fold, { intervalMs: 60_000, batch: 50 });
    expect(await folder.foldAll()).toBeGreaterThan(0);
    expect(await inboxRows()).toBe(0);
    await expectAllExact(a);
    await expectAllExact(b);
    await expectAllExact(c);
  });

  it('two processes folding at once move every inbox row exactly once', async () => {
    await sql`
      INSERT INTO call_results (company_id, number_id, status, attempted_at, campaign_id, duration_seconds)
      SELECT ${b.id}, id, 'MISSED', ${clock.now()}::timestamptz - make_interval(secs => (id * k) % 5000), NULL, id % 60
      FROM unnest(${numberIds.slice(100, 200)}::int[]) id CROSS JOIN generate_series(1, 3) k`.execute(t.db);
    expect(await inboxRows()).toBeGreaterThanOrEqual(300);
    // Two folders on one database, as two server processes have: one folds, the other finds the fold taken.
    const folders = [0, 1].map(() => new StatsFolder(new StatsFoldRepository(t.db), { intervalMs: 60_000, batch: 40 }));
    const moved = await Promise.all(folders.map((f) => f.foldAll()));
    expect(moved[0]! + moved[1]!).toBeGreaterThanOrEqual(300);
    await folders[0]!.foldAll();
    expect(await inboxRows()).toBe(0);
    await expectAllExact(b);
    await expectAllExact(a);
  });

  it('a tenant reads only its own counters', async () => {
    const other = await makeCompany(t.db);
    const empty = await service.attemptsSummary(other, { timeframe: 'all' });
    expect(empty.total).toBe(0);
    expect(empty.by_status).toEqual([]);
    const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM stats_attempt_counts`.execute(
      // The tenant path as another company: row-level security hides a's and b's counters.
      tenantDb(t.db, other.id),
    );
    expect(Number(rows.rows[0]!.n)).toBe(0);
    expect((await service.breakdown(other, { by: 'agent', timeframe: 'all' })).items).toEqual([]);
  });
});

describe(`migration 0021 on a database counted before it (${ENGINE})`, () => {
  let d: TestDb;
  beforeAll(async () => {
    d = await createTestDb({ migrated: false });
  });
  afterAll(() => d.close());

  /** The :30 (grain 4) and :15 (grain 5) hour counters against a count of the results themselves. */
  async function expectOffsetHoursExact(companyIds: number[]) {
    for (const [grain, minutes] of [
      [4, 30],
      [5, 15],
    ] as const) {
      const r = await sql<{ diff: string }>`
        WITH counted AS (
          SELECT company_id, bucket, status, sum(n) AS n FROM stats_attempt_counts
          WHERE grain = ${grain} AND campaign_key = -1 AND company_id = ANY (${companyIds}::int[]) GROUP BY 1, 2, 3 HAVING sum(n) <> 0
        ), brute AS (
          SELECT company_id, date_bin('1 hour', attempted_at, timestamptz '2000-01-01 00:00:00+00' + make_interval(mins => ${minutes})) AS bucket,
                 status, count(*) AS n
          FROM call_results WHERE source <> 'manual' AND company_id = ANY (${companyIds}::int[]) GROUP BY 1, 2, 3
        )
        SELECT count(*) AS diff FROM (
          (SELECT * FROM counted EXCEPT SELECT * FROM brute) UNION ALL (SELECT * FROM brute EXCEPT SELECT * FROM counted)
        ) x`.execute(d.db);
      expect(Number(r.rows[0]!.diff), `grain ${grain}`).toBe(0);
    }
  }

  async function report(companyId: number, ids: number[], seed: number) {
    await sql`
      INSERT INTO call_results (company_id, number_id, status, attempted_at, campaign_id)
      SELECT ${companyId}, id, (ARRAY['MISSED', 'CONNECTED', 'BUSY'])[1 + (id + k + ${seed}) % 3],
             timestamptz '2026-03-20T10:07:31Z' - make_interval(secs => (id * 7919 + k * 104729 + ${seed}) % (9 * 86400)), NULL
      FROM unnest(${ids}::int[]) id CROSS JOIN generate_series(1, 4) k`.execute(d.db);
  }

  it('fills the :30 and :15 hours from the quarter hours already counted, and the fold keeps them', async () => {
    await migrate(
      d.db,
      loadMigrations().filter((m) => m.name < '0021'),
    );
    const tehran = await makeCompany(d.db, { timezone: 'Asia/Tehran' });
    const kathmandu = await makeCompany(d.db, { timezone: 'Asia/Kathmandu' });
    const ids = await makeNumbers(d.db, freshPhones(120));
    await report(tehran.id, ids, 1);
    await report(kathmandu.id, ids.slice(0, 60), 2);
    const folder = new StatsFolder(new StatsFoldRepository(d.db), { intervalMs: 60_000, batch: 100 });
    expect(await folder.foldAll()).toBeGreaterThan(0);
    // Some results wait in the inbox through the upgrade.
    await report(tehran.id, ids.slice(0, 30), 3);

    expect(await migrate(d.db)).toEqual(
      loadMigrations()
        .filter((m) => m.name >= '0021')
        .map((m) => m.name),
    );
    await folder.foldAll();
    await expectOffsetHoursExact([tehran.id, kathmandu.id]);
    // New results after the upgrade are folded into the new hours too.
    await report(kathmandu.id, ids.slice(60), 4);
    await folder.foldAll();
    await expectOffsetHoursExact([tehran.id, kathmandu.id]);
  });
});
