import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPgServer, type PgServer } from '../../apps/api/test/pg-server';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** BENCH_DATABASE_URL, or a PostgreSQL 15 server of our own, durable, sized for 2M numbers. */
export async function benchDatabase(): Promise<{ url: string; server?: PgServer }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL };
  const server = await startPgServer({
    durable: true,
    settings: {
      shared_buffers: '2GB',
      effective_cache_size: '8GB',
      work_mem: '32MB',
      maintenance_work_mem: '1GB',
      max_wal_size: '8GB',
      checkpoint_timeout: '30min',
      random_page_cost: '1.1',
    },
  });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE dialdeck_bench');
  await admin.end();
  return { url: server.url.replace(/\/[^/]*$/, '/dialdeck_bench'), server };
}

export interface ApiServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The API server as `npm start` runs it (without the web build), on the given database. */
export async function startApi(databaseUrl: string, port: number): Promise<ApiServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SECRET_KEY: 'bench-secret-bench-secret-bench-secret-00',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`API server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
