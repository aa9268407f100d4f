// `npm run demo`: the server on a fresh embedded database with a demo company, numbers,
// agents, an all-week schedule and a dialer token, plus the reference dialer calling.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverApi } from '../apps/api/test/server-process';
import { emptyStats, simulate } from './dialer-sim/simulator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.PORT ?? 8080);
const URL = `http://127.0.0.1:${PORT}`;
const ADMIN = { username: 'demo', password: 'demo-password' };
const NUMBERS = Number(process.env.DEMO_NUMBERS ?? 5000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'dialdeck-demo-'));
const server = spawn(process.execPath, ['scripts/start.mjs'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_COMPANY: 'demo',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const controller = new AbortController();
let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  controller.abort();
  server.once('exit', () => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  });
  server.kill('SIGTERM');
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.on('exit', (code) => {
  if (!stopping) {
    console.error(`The server exited (${code}).`);
    process.exit(1);
  }
});

const api = <T>(method: string, p: string, token: string | null, body?: unknown) => serverApi<T>(URL, method, p, token, body);

async function main() {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${URL}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const { access_token: token } = await api<{ access_token: string }>('POST', '/api/auth/login', null, ADMIN);
  const phones = Array.from({ length: NUMBERS }, (_, i) => `0912${String(1_000_000 + i * 7).padStart(7, '0')}`);
  const added = await api<{ added: number }>('POST', '/api/numbers', token, { numbers: phones });
  for (const [i, name] of ['Sara Ahmadi', 'Reza Karimi', 'Neda Rahimi'].entries()) {
    const [first_name, last_name] = name.split(' ');
    await api('POST', '/api/admins', token, {
      username: `agent${i + 1}`,
      password: 'agent-password',
      role: 'AGENT',
      first_name,
      last_name,
      phone_number: `0935000000${i}`,
    });
  }
  const windows = Array.from({ length: 7 }, (_, d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));
  await api('PUT', '/api/schedule', token, { enabled: true, skip_holidays: false, windows });
  const dialer = await api<{ token: string }>('POST', '/api/dialer/tokens', token, { name: 'Demo simulator' });

  console.log(`\nDialdeck demo is running at ${URL}`);
  console.log(`  where to look: ${URL}/dashboard (live figures as the dialer calls; click any number to open the list it counts)`);
  console.log(`  log in as ${ADMIN.username} / ${ADMIN.password} (company "demo"; agents agent1..3 / agent-password)`);
  console.log(`  ${added.added} numbers, an all-week schedule, and the reference dialer calling with token ${dialer.token.slice(0, 10)}…`);
  console.log(`  in another terminal: npm run dialer-sim -- --url ${URL} --token ${dialer.token}`);
  console.log('  Ctrl+C stops everything (the demo database is thrown away).\n');

  const stats = emptyStats();
  const ticker = setInterval(() => {
    process.stdout.write(
      `\rsimulator: ${stats.batches} batches · ${stats.handedOut} numbers · ${stats.reports} reports · ${stats.errors} errors   `,
    );
  }, 1000);
  await simulate(
    {
      url: URL,
      token: dialer.token,
      dialers: 4,
      durationMs: Number.MAX_SAFE_INTEGER,
      size: 50,
      channels: 5,
      speed: 120,
      signal: controller.signal,
    },
    stats,
  );
  clearInterval(ticker);
}

main().catch((e: unknown) => {
  console.error(e);
  stop(1);
});
