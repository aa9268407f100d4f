import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { serverApi as api, startServerProcess, type ServerProcess } from '../../../test/server-process';
import { openPglite, type DbHandle } from '../../db/client';
import { emptyStats, simulate } from '../../../../../tools/dialer-sim/simulator';

// Real server processes and the reference dialer: 16 dialers (8 per company, two
// companies sharing the pool) for 30 s, a tenth of the reports sent twice. On a
// PostgreSQL server the dialers are spread over two server processes; PGlite admits
// one process, so there all 16 share one.
const SOAK_MS = ENGINE === 'postgres' ? 30_000 : 15_000;
const ALL_WEEK = Array.from({ length: 7 }, (_, d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));

describe(`dialer soak: 16 dialers, ${ENGINE === 'postgres' ? 'two server processes' : 'one server process'} (${ENGINE})`, () => {
  let db: TestDb | undefined;
  const servers: ServerProcess[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dialdeck-soak-'));
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never hands one number to two batches and records every report exactly once', { timeout: SOAK_MS + 120_000 }, async () => {
    if (ENGINE === 'postgres') db = await createTestDb();
    const storage: Record<string, string> = ENGINE === 'postgres' ? { DATABASE_URL: db!.url! } : { DATA_DIR: dataDir };
    const admin = { username: 'soak', password: 'soak-password-1' };
    servers.push(
      await startServerProcess({ ...storage, ADMIN_USERNAME: admin.username, ADMIN_PASSWORD: admin.password, ADMIN_COMPANY: 'alpha' }),
    );
    if (ENGINE === 'postgres') servers.push(await startServerProcess(storage));
    const url0 = servers[0]!.url;

    const { access_token: root } = await api<{ access_token: string }>(url0, 'POST', '/api/auth/login', null, admin);
    await api(url0, 'POST', '/api/companies', root, { name: 'beta', display_name: 'Beta' });
    const phones = Array.from({ length: 6000 }, (_, i) => `0912${String(3_000_000 + i).padStart(7, '0')}`);
    await api(url0, 'POST', '/api/numbers', root, { numbers: phones });
    const tokens: Record<string, string> = {};
    for (const co of ['alpha', 'beta']) {
      await api(url0, 'PUT', `/api/schedule?company=${co}`, root, { enabled: true, skip_holidays: false, windows: ALL_WEEK });
      tokens[co] = (await api<{ token: string }>(url0, 'POST', `/api/dialer/tokens?company=${co}`, root, { name: 'soak' })).token;
    }

    const handouts = new Map<number, string>();
    const doubled: Array<{ number: number; first: string; second: string }> = [];
    const answers = new Map<string, number>();
    const inconsistent: string[] = [];
    const runs = [];
    for (const co of ['alpha', 'beta']) {
      for (const [i, server] of servers.entries()) {
        const stats = emptyStats();
        runs.push(
          simulate(
            {
              url: server.url,
              token: tokens[co]!,
              dialers: 8 / servers.length,
              durationMs: SOAK_MS,
              size: 40,
              channels: 4,
              speed: 20_000,
              replayProbability: 0.1,
              onHandout: (batch, n) => {
                const first = handouts.get(n);
                if (first !== undefined) doubled.push({ number: n, first, second: `${co}/${i}/${batch}` });
                handouts.set(n, `${co}/${i}/${batch}`);
              },
              onReport: (reportId, a) => {
                const seen = answers.get(`${co}:${reportId}`);
                if (seen !== undefined && seen !== a.call_result_id) inconsistent.push(reportId);
                answers.set(`${co}:${reportId}`, a.call_result_id);
              },
            },
            stats,
          ).then(() => stats),
        );
      }
    }
    const stats = await Promise.all(runs);
    const total = stats.reduce(
      (s, x) => ({
        reports: s.reports + x.reports,
        errors: s.errors + x.errors,
        handed: s.handed + x.handedOut,
        dup: s.dup + x.duplicates,
      }),
      { reports: 0, errors: 0, handed: 0, dup: 0 },
    );

    expect(total.errors).toBe(0);
    expect(total.handed).toBeGreaterThan(1000);
    expect(doubled).toEqual([]);
    expect(inconsistent).toEqual([]);
    expect(total.dup).toBeGreaterThan(0); // the replays were recognised

    // Check the database itself (after the servers stopped, for PGlite's single process).
    await Promise.all(servers.map((s) => s.stop()));
    const check: DbHandle = ENGINE === 'postgres' ? db! : await openPglite(`${dataDir}/pgdata`);
    try {
      const rows = await sql<{ n: number; distinct_reports: number; max_per_report: number }>`
        SELECT count(*)::int AS n, count(DISTINCT (company_id, report_id))::int AS distinct_reports,
               coalesce(max(c), 0)::int AS max_per_report
        FROM call_results r
        LEFT JOIN (SELECT company_id AS cid, report_id AS rid, count(*) AS c FROM call_results GROUP BY 1, 2) g ON g.cid = r.company_id AND g.rid = r.report_id`.execute(
        check.db,
      );
      expect(rows.rows[0]!.max_per_report).toBe(1);
      expect(rows.rows[0]!.n).toBe(answers.size);
      expect(rows.rows[0]!.distinct_reports).toBe(answers.size);
      const locked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM numbers WHERE assigned_at IS NOT NULL`.execute(check.db);
      expect(locked.rows[0]!.n).toBe(0);
      const states = await sql<{ n: number }>`SELECT count(*)::int AS n FROM number_states`.execute(check.db);
      expect(states.rows[0]!.n).toBe(answers.size);
      const counters = await sql<{ ok: boolean }>`
        SELECT bool_and(c.n = t.n) AS ok FROM
          (SELECT company_id, status, sum(n) AS n FROM number_state_counts GROUP BY 1, 2 HAVING sum(n) <> 0) c
          FULL JOIN (SELECT company_id, status, count(*) AS n FROM number_states GROUP BY 1, 2) t USING (company_id, status)`.execute(
        check.db,
      );
      expect(counters.rows[0]!.ok).toBe(true);
    } finally {
      if (ENGINE === 'pglite') await check.close();
    }
  });
});
