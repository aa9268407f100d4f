import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../test/db';

// Real server processes, as `npm start` runs them: start-up, the data-dir lock,
// first admin, the CLI, scale-out on one server database, graceful shutdown.
const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(API_DIR, 'src/main.ts');
const CLI = path.join(API_DIR, 'src/cli/create-admin.ts');

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(port: number, proc: Proc, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void proc.exited.then((c) => (exitCode = c));
  while (Date.now() < until) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}):\n${proc.output()}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy in time:\n${proc.output()}`);
}

async function login(port: number, username: string, password: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function stop(p: Proc): Promise<number | null> {
  p.child.kill('SIGTERM');
  return p.exited;
}

describe(`server process (${ENGINE})`, () => {
  let db: TestDb | undefined;
  const running: Proc[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dialdeck-main-'));
  // PGlite lives in DATA_DIR; a server database is named by DATABASE_URL.
  const storage = (): Record<string, string> => (ENGINE === 'postgres' ? { DATABASE_URL: db!.url! } : { DATA_DIR: dataDir });
  const admin = { ADMIN_USERNAME: 'boss', ADMIN_PASSWORD: 'boss-password-1', ADMIN_COMPANY: 'acme' };

  beforeAll(async () => {
    if (ENGINE === 'postgres') db = await createTestDb();
  });
  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports every bad variable and exits 2', async () => {
    const p = run(MAIN, { PORT: 'eighty', DATABASE_URL: 'mysql://nope', ADMIN_USERNAME: 'x' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/PORT/);
    expect(p.output()).toMatch(/DATABASE_URL/);
    expect(p.output()).toMatch(/ADMIN_PASSWORD: is required/);
  });

  it('with no user and no admin configured, says exactly how to create one', async () => {
    const port = await freePort();
    const fresh = ENGINE === 'postgres' ? await createTestDb() : undefined;
    const noAdminDir = mkdtempSync(path.join(tmpdir(), 'dd-noadmin-'));
    const p = run(MAIN, { PORT: String(port), ...(fresh ? { DATABASE_URL: fresh.url! } : { DATA_DIR: noAdminDir }) });
    running.push(p);
    await waitHealthy(port, p);
    expect(p.output()).toContain('npm run create-admin -- <username> <password> [company-slug]');
    expect(p.output()).toContain('ADMIN_USERNAME=');
    expect(await stop(p)).toBe(0);
    await fresh?.close();
    rmSync(noAdminDir, { recursive: true, force: true });
  });

  it('first start creates the configured superuser, who logs in', async () => {
    const port = await freePort();
    const p = run(MAIN, { PORT: String(port), ...storage(), ...admin });
    running.push(p);
    await waitHealthy(port, p);
    expect(p.output()).toMatch(/Created superuser "boss" in company "acme"/);
    const r = await login(port, 'boss', 'boss-password-1');
    expect(r.status).toBe(200);
    const token = ((await r.json()) as { access_token: string }).access_token;
    const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ username: 'boss', is_superuser: true, company: { name: 'acme' } });

    // An open live-statistics stream does not hold the shutdown up.
    const ticket = await fetch(`http://127.0.0.1:${port}/api/stats/stream-ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ticket.status).toBe(200);
    const stream = await fetch(`http://127.0.0.1:${port}/api/stats/stream?ticket=${((await ticket.json()) as { ticket: string }).ticket}`);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/retry: 3000|event: stats/);
    const stopping = Date.now();
    expect(await stop(p)).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(p.output()).toMatch(/SIGTERM received/);
    if (ENGINE === 'pglite') expect(existsSync(path.join(dataDir, 'dialdeck.lock'))).toBe(false);
  });

  it('create-admin CLI adds a superuser; data survives a restart', async () => {
    const cli = run(CLI, { ...storage() }, ['second_admin', 'second-password', 'other-co']);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/Created superuser "second_admin" in company "other-co"/);
    const dup = run(CLI, { ...storage() }, ['second_admin', 'second-password']);
    expect(await dup.exited).toBe(1);
    expect(dup.output()).toMatch(/already taken/);
    const bad = run(CLI, { ...storage() }, ['x']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/Usage: npm run create-admin/);

    const port = await freePort();
    const p = run(MAIN, { PORT: String(port), ...storage(), ...admin });
    running.push(p);
    await waitHealthy(port, p);
    expect(p.output()).not.toMatch(/Created superuser/);
    expect((await login(port, 'boss', 'boss-password-1')).status).toBe(200);
    expect((await login(port, 'second_admin', 'second-password')).status).toBe(200);
    expect(await stop(p)).toBe(0);
  });

  it('a second process: on a server database both serve as one, on DATA_DIR it refuses to start', async () => {
    const [pa, pb] = [await freePort(), await freePort()];
    const a = run(MAIN, { PORT: String(pa), ...storage() });
    running.push(a);
    await waitHealthy(pa, a);
    const b = run(MAIN, { PORT: String(pb), ...storage() });
    running.push(b);
    if (ENGINE === 'pglite') {
      expect(await b.exited).toBe(3);
      expect(b.output()).toMatch(/DATA_DIR .* is in use by another Dialdeck process \(pid \d+\)/);
    } else {
      await waitHealthy(pb, b);
      // The JWT secret lives in the database, so a token from one process works on the other.
      const token = ((await (await login(pa, 'boss', 'boss-password-1')).json()) as { access_token: string }).access_token;
      const me = await fetch(`http://127.0.0.1:${pb}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await stop(b)).toBe(0);
    }
    expect(await stop(a)).toBe(0);
  });
});
