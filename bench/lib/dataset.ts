import pg from 'pg';
import { hashPassword } from '../../apps/api/src/lib/passwords';

export const DATASET = 'numbers-v2';
export const ADMIN = { username: 'bench_admin', password: 'bench-password-1' };

/** Company layout of PERF-NOTES: results per company over a share of the 2M pool. */
export const COMPANIES = [
  { name: 'alpha', firstNumber: 1, numbers: 1_060_000, seconds: 440_000 }, // 1.5M results
  { name: 'beta', firstNumber: 500_001, numbers: 800_000, seconds: 200_000 }, // 1.0M results
  { name: 'gamma', firstNumber: 1_200_001, numbers: 450_000, seconds: 50_000 }, // 0.5M results
] as const;
export const POOL = 2_000_000;

// Weighted status mix of an outbound campaign (MISSED ≈ 35%): 100 slots.
const MIX: Array<[string, number]> = [
  ['MISSED', 35],
  ['CONNECTED', 20],
  ['BUSY', 10],
  ['NOT_INTERESTED', 8],
  ['HANGUP', 7],
  ['FAILED', 5],
  ['DISCONNECTED', 5],
  ['POWER_OFF', 3],
  ['UNKNOWN', 3],
  ['BANNED', 2],
  ['INBOUND_CALL', 1],
  ['COMPLAINED', 1],
];
const SLOTS = MIX.flatMap(([s, n]) => Array<string>(n).fill(s));

async function step(label: string, c: pg.Client, text: string, params: unknown[] = []) {
  const t0 = Date.now();
  const r = await c.query(text, params);
  console.log(`  ${label}: ${r.rowCount ?? 0} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

/**
 * 2,000,000 numbers, 3,000,000 call results over 90 days, 3 companies, generated in
 * SQL; the per-company state rows are then derived from the results exactly as the
 * report path keeps them. Skipped when the database already holds this dataset.
 */
export async function ensureDataset(url: string): Promise<{ generated: boolean; companyIds: Record<string, number> }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const marker = await c.query(`SELECT value FROM instance_settings WHERE key = 'bench_dataset'`);
    if (marker.rows[0]?.value !== DATASET) {
      console.log('Generating the dataset (2M numbers, 3M call results, 3 companies)…');
      await c.query('SET synchronous_commit = off');
      await step(
        'companies',
        c,
        `INSERT INTO companies (name, display_name) SELECT x, initcap(x) FROM unnest($1::text[]) x ON CONFLICT DO NOTHING`,
        [COMPANIES.map((x) => x.name)],
      );
      const ids = await c.query<{ id: number; name: string }>(`SELECT id, name FROM companies WHERE name = ANY($1::text[])`, [
        COMPANIES.map((x) => x.name),
      ]);
      const byName = Object.fromEntries(ids.rows.map((r) => [r.name, r.id]));
      const hash = await hashPassword(ADMIN.password);
      await step(
        'admin + agents',
        c,
        `
        INSERT INTO users (company_id, username, password_hash, role)
        SELECT $1, $2, $3, 'ADMIN'
        UNION ALL
        SELECT co.id, 'agent_' || co.name || '_' || g, $3, 'AGENT' FROM companies co, generate_series(1, 10) g WHERE co.name = ANY($4::text[])
        ON CONFLICT DO NOTHING`,
        [byName.alpha, ADMIN.username, hash, COMPANIES.map((x) => x.name)],
      );
      await step(
        'numbers',
        c,
        `
        INSERT INTO numbers (id, phone_number, created_at)
        SELECT g, '091' || lpad(g::text, 8, '0'), now() - interval '120 days'
        FROM generate_series(1, ${POOL}) g`,
      );
      await c.query(`SELECT setval(pg_get_serial_sequence('numbers', 'id'), ${POOL})`);
      for (const co of COMPANIES) {
        const cid = byName[co.name];
        const agents = await c.query<{ id: number }>(`SELECT id FROM users WHERE company_id = $1 AND role = 'AGENT' ORDER BY id`, [cid]);
        const agentIds = agents.rows.map((r) => r.id);
        // First results for every number of the company's share, then second results for some.
        for (const [label, from, count, salt] of [
          ['first', co.firstNumber, co.numbers, 17],
          ['second', co.firstNumber, co.seconds, 29],
        ] as const) {
          await step(
            `results ${co.name} (${label})`,
            c,
            `
            INSERT INTO call_results (company_id, number_id, status, attempted_at, agent_id, user_message, duration_seconds, source)
            SELECT $1, g,
                   ($2::text[])[1 + ((g * ${salt} + $5) % 100)],
                   now() - make_interval(secs => ((g::bigint * 7919 + $5 * 104729) % (90 * 86400))::int),
                   CASE WHEN g % 10 < 7 THEN ($3::int[])[1 + (g % array_length($3::int[], 1))] END,
                   CASE WHEN g % 9 = 0 THEN 'call me back later' END,
                   (g * 13) % 300,
                   'dialer'
            FROM generate_series($4::int, $4::int + ${count} - 1) g`,
            [cid, SLOTS, agentIds, from, cid! * 1000 + salt],
          );
        }
      }
      await step(
        'number_states from results',
        c,
        `
        INSERT INTO number_states (company_id, number_id, status, total_attempts, last_attempt_at, status_changed_at, last_result_id, agent_id, last_user_message)
        SELECT r.company_id, r.number_id, r.status, a.n, r.attempted_at, r.attempted_at, r.id, r.agent_id, r.user_message
        FROM (SELECT company_id, number_id, max(id) AS id, count(*)::int AS n FROM call_results GROUP BY company_id, number_id) a
        JOIN call_results r ON r.id = a.id`,
      );
      // The statistics inbox (migration 0019) now holds every result and state above; fold
      // it as the server's job would, in slices so each transaction stays small.
      await step('statistics fold', c, `DO $$ BEGIN WHILE dialdeck_stats_fold(200000) > 0 LOOP END LOOP; END $$`);
      await step(
        'cooldown stamps',
        c,
        `
        UPDATE numbers n SET last_called_at = s.last_attempt_at, last_called_company_id = s.company_id
        FROM (SELECT DISTINCT ON (number_id) number_id, company_id, last_attempt_at FROM number_states ORDER BY number_id, last_attempt_at DESC) s
        WHERE n.id = s.number_id`,
      );
      // The bulk stamping above moved most rows to new pages, in no order and leaving the
      // old ones full of dead space: not how an imported pool looks, whose rows sit in id
      // order and get their stamps from reports, in place. Rewrite it that way (the
      // table's fillfactor leaves each page room for those in-place updates).
      await step('numbers in id order', c, 'CLUSTER numbers USING numbers_pkey');
      await step('vacuum analyze', c, 'VACUUM ANALYZE');
      await c.query(
        `INSERT INTO instance_settings (key, value) VALUES ('bench_dataset', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [DATASET],
      );
    }
    const ids = await c.query<{ id: number; name: string }>(`SELECT id, name FROM companies WHERE name = ANY($1::text[])`, [
      COMPANIES.map((x) => x.name),
    ]);
    return { generated: marker.rows[0]?.value !== DATASET, companyIds: Object.fromEntries(ids.rows.map((r) => [r.name, r.id])) };
  } finally {
    await c.end();
  }
}
