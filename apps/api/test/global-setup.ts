import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openPostgres } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { startPgServer, type PgServer } from './pg-server';

export const TEMPLATE_DB = 'dialdeck_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/**
 * TEST_DB=postgres: start one PostgreSQL 15 server for the run (or use
 * TEST_DATABASE_URL), migrate a template database once; each test file then
 * clones it. TEST_DB=pglite (default): nothing to do, files open PGlite in memory.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DB !== 'postgres') {
    project.provide('pgUrl', '');
    return;
  }
  let server: PgServer | undefined;
  const url = process.env.TEST_DATABASE_URL ?? (server = await startPgServer()).url;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const tpl = openPostgres(url.replace(/\/[^/?]*(\?|$)/, `/${TEMPLATE_DB}$1`), { max: 1 });
  await migrate(tpl.db);
  await tpl.close();
  project.provide('pgUrl', url);
  return () => server?.stop();
}
