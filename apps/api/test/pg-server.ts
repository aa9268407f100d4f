import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function pgBinariesPresent(): boolean {
  return existsSync(path.join(BIN, 'pg_ctl')) && existsSync(path.join(BIN, 'initdb'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its tools as the postgres user. */
function run(cmd: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** The same, without blocking the event loop (a test's load keeps running meanwhile). */
function runAsync(cmd: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${out}`))));
  });
}

export interface PgServer {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is ended (57P01), the server is back when this resolves. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`, keeping the data: the database is down until start(). */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): void;
}

/**
 * A throw-away PostgreSQL server on a loopback port in a temp folder, tuned for
 * tests (no fsync). Stopped and deleted by stop().
 */
export async function startPgServer(opts: { settings?: Record<string, string>; durable?: boolean } = {}): Promise<PgServer> {
  if (!pgBinariesPresent()) {
    throw new Error(`PostgreSQL binaries not found in ${BIN}: apt-get install -y postgresql (or set PG_BIN)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dialdeck-pg-'));
  if (process.getuid?.() === 0) {
    chownSync(
      dir,
      Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
      Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()),
    );
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  // Tests trade durability for speed; a benchmark (durable: true) keeps PostgreSQL's defaults.
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    max_connections: '200',
    shared_buffers: '128MB',
    ...(opts.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...opts.settings,
  };
  const serverOpts = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  const startArgs = ['-D', data, '-o', serverOpts, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start'];
  run(path.join(BIN, 'pg_ctl'), startArgs);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () =>
      runAsync(path.join(BIN, 'pg_ctl'), [
        '-D',
        data,
        '-o',
        serverOpts,
        '-l',
        path.join(dir, 'log'),
        '-m',
        'fast',
        '-w',
        '-t',
        '60',
        'restart',
      ]),
    halt: () => runAsync(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
    start: () => runAsync(path.join(BIN, 'pg_ctl'), startArgs),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        // Already halted by halt() is fine: the folder goes either way.
        if (existsSync(path.join(data, 'postmaster.pid'))) run(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
