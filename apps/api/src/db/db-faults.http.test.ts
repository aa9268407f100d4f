import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../test/db';
import { startPgServer, type PgServer } from '../../test/pg-server';
import { freePort, serverApi as api, startServerProcess, type ServerProcess } from '../../test/server-process';
import { openPglite } from './client';
import { emptyStats, simulate } from '../../../../tools/dialer-sim/simulator';

// A real server process under the reference dialer's load while its database goes away:
// on a PostgreSQL server (one this file starts, so it can restart it) the database is
// restarted (`pg_ctl restart -m fast`) and then stopped for a while and started again,
// the process staying up; PGlite lives inside the process, so there the equivalent is the
// process itself dying (SIGKILL) and a new one starting on the same data and port.
// Either way the dialer rides it out: no report lost or counted twice, and no number left
// locked by a batch a dialer received.
/** How long the load goes on after the service is back. */
const AFTER_RECOVERY_MS = 4_000;
const ALL_WEEK = Array.from({ length: 7 }, (_, d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the server answers /api/health with 200; false when it did not within `boundMs` (a generous bound, not a measurement). */
async function healthyWithin(url: string, boundMs: number): Promise<boolean> {
  const until = Date.now() + boundMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3000) })).status === 200) return true;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  return false;
}

describe(`faults: the database goes away under a dialer load (${ENGINE})`, () => {
  let pgServer: PgServer | undefined;
  let server: ServerProcess | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dialdeck-faults-'));
  afterAll(async () => {
    await server?.stop();
    pgServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps serving or comes back, loses no report, counts none twice, leaves no number locked by a live batch',
    { timeout: 180_000 },
    async () => {
      if (ENGINE === 'postgres') pgServer = await startPgServer();
      const storage: Record<string, string> = pgServer ? { DATABASE_URL: pgServer.url } : { DATA_DIR: dataDir };
      const admin = { username: 'faults', password: 'faults-password-1' };
      const env = { ...storage, ADMIN_USERNAME: admin.username, ADMIN_PASSWORD: admin.password, ADMIN_COMPANY: 'alpha' };
      const port = await freePort();
      server = await startServerProcess(env, 90_000, port);
      const url = server.url;

      const { access_token: root } = await api<{ access_token: string }>(url, 'POST', '/api/auth/login', null, admin);
      const phones = Array.from({ length: 4000 }, (_, i) => `0912${String(4_000_000 + i).padStart(7, '0')}`);
      await api(url, 'POST', '/api/numbers', root, { numbers: phones });
      await api(url, 'PUT', '/api/schedule', root, { enabled: true, skip_holidays: false, windows: ALL_WEEK });
      const { token } = await api<{ token: string }>(url, 'POST', '/api/dialer/tokens', root, { name: 'faults' });

      const batches = new Map<string, number[]>();
      const acked = new Map<string, number>();
      const inconsistent: string[] = [];
      const stats = emptyStats();
      const endLoad = new AbortController();
      const load = simulate(
        {
          url,
          token,
          dialers: 4,
          // Ended by endLoad, once the service has been back for a while (a PGlite restart is slow).
          durationMs: 100_000,
          signal: endLoad.signal,
          graceMs: 30_000,
          requestTimeoutMs: 10_000,
          size: 20,
          channels: 4,
          speed: 20_000,
          replayProbability: 0.05,
          onHandout: (batch, n) => batches.set(batch, [...(batches.get(batch) ?? []), n]),
          onReport: (reportId, a) => {
            const seen = acked.get(reportId);
            if (seen !== undefined && seen !== a.call_result_id) inconsistent.push(reportId);
            acked.set(reportId, a.call_result_id);
          },
        },
        stats,
      );

      await sleep(3000);
      const before = stats.reports;
      expect(before).toBeGreaterThan(0);
      let duringOutage: { health: Response; numbers: Response } | undefined;
      if (pgServer) {
        await pgServer.restart();
        await sleep(1500);
        // A longer outage: requests are answered 503 with Retry-After while it lasts.
        await pgServer.halt();
        duringOutage = {
          health: await fetch(`${url}/api/health`),
          numbers: await fetch(`${url}/api/numbers?limit=1`, { headers: { authorization: `Bearer ${root}` } }),
        };
        await sleep(1500);
        await pgServer.start();
      } else {
        await server.kill();
        server = await startServerProcess(storage, 90_000, port);
      }
      expect(await healthyWithin(url, 15_000)).toBe(true);
      const atRecovery = { batches: stats.batches, reports: stats.reports };
      await sleep(AFTER_RECOVERY_MS);
      endLoad.abort();
      await load;

      if (duringOutage) {
        expect(duringOutage.health.status).toBe(503);
        expect(duringOutage.health.headers.get('retry-after')).toBe('2');
        expect(await duringOutage.health.json()).toMatchObject({ status: 'unavailable', db: 'down', error: { code: 'UNAVAILABLE' } });
        expect(duringOutage.numbers.status).toBe(503);
        expect(duringOutage.numbers.headers.get('retry-after')).toBe('2');
        expect(await duringOutage.numbers.json()).toEqual({
          error: { code: 'UNAVAILABLE', message: 'The database is not reachable right now. Try again in a few seconds.' },
        });
        // The same process served before, during and after.
        expect(server.child.exitCode).toBeNull();
        expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
      }
      // Service resumed: batches leased and reports recorded after the recovery.
      expect(stats.batches).toBeGreaterThan(atRecovery.batches);
      expect(stats.reports).toBeGreaterThan(atRecovery.reports);
      expect(stats.errors).toBe(0);
      expect(stats.unreported).toBe(0);
      expect(inconsistent).toEqual([]);
      const handedOut = [...batches.values()].reduce((s, ns) => s + ns.length, 0);
      expect(acked.size).toBe(handedOut); // a live dialer reported every number it was handed

      // SIGTERM while exports are streaming: they are finished, then the process exits cleanly.
      const exports = await Promise.all(
        [1, 2].map(() =>
          fetch(`${url}/api/numbers/export`, {
            method: 'POST',
            headers: { authorization: `Bearer ${root}`, 'content-type': 'application/json' },
            body: JSON.stringify({ select_all: true }),
          }),
        ),
      );
      // Read while the server shuts down: an unread stream would hold it up.
      const bodies = exports.map((r) => r.arrayBuffer());
      expect(await server.stop()).toBe(0);
      server = undefined;
      for (const [i, r] of exports.entries()) {
        expect(r.status).toBe(200);
        const xlsx = Buffer.from(await bodies[i]!);
        // A complete zip ends with its end-of-central-directory record.
        expect(xlsx.subarray(-22, -18).toString('hex')).toBe('504b0506');
      }

      const check = pgServer ? await postgresCheck(pgServer.url) : await pgliteCheck(dataDir);
      try {
        const rows = await check.query<{ report_id: string; id: number; n: number }>(
          `SELECT report_id, min(id)::int AS id, count(*)::int AS n FROM call_results WHERE report_id IS NOT NULL GROUP BY report_id`,
        );
        const counted = new Map(rows.map((r) => [r.report_id, r]));
        const lost = [...acked.keys()].filter((id) => !counted.has(id));
        const twice = rows.filter((r) => r.n > 1).map((r) => r.report_id);
        const otherId = [...acked].filter(([id, resultId]) => counted.get(id) && counted.get(id)!.id !== resultId).map(([id]) => id);
        expect({ lost, twice, otherId }).toEqual({ lost: [], twice: [], otherId: [] });
        // Nothing the database recorded that no dialer was told about, beyond the reports in hand.
        expect(rows.length).toBe(acked.size);

        // Numbers still locked, with the batch that holds them: none may belong to a batch a
        // dialer received (that dialer is alive and must have reported them). A batch whose
        // answer was lost (committed as the connection broke) is nobody's; it is swept after
        // the lease timeout, and is counted here only to be reported.
        const locked = await check.query<{ batch_id: string; n: number }>(
          `SELECT b.id AS batch_id, count(*)::int AS n FROM numbers nu
           JOIN dialer_batches b ON nu.id = ANY (b.number_ids) AND NOT b.swept
          WHERE nu.assigned_at IS NOT NULL GROUP BY b.id`,
        );
        const heldByLive = locked.filter((l) => batches.has(l.batch_id));
        expect(heldByLive).toEqual([]);
        const orphaned = locked.reduce((s, l) => s + l.n, 0);
        if (orphaned > 0) console.warn(`faults: ${orphaned} numbers locked by batches whose answer never reached a dialer`);
      } finally {
        await check.end();
      }
    },
  );
});

interface Check {
  query<R>(text: string): Promise<R[]>;
  end(): Promise<void>;
}

async function postgresCheck(url: string): Promise<Check> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { query: async (text) => (await client.query(text)).rows, end: () => client.end() };
}

/** After the server process stopped: PGlite admits one process at a time. */
async function pgliteCheck(dataDir: string): Promise<Check> {
  const handle = await openPglite(`${dataDir}/pgdata`);
  return {
    query: async <R>(text: string) => (await sql<R>`${sql.raw(text)}`.execute(handle.db)).rows,
    end: () => handle.close(),
  };
}
