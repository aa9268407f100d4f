import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../src/db/client';
import { buildApp, buildServices, resolveSecret, type Services, type VoiceOptions } from '../src/app';
import type { App } from '../src/lib/http';
import { systemClock, type Clock } from '../src/lib/time';
import { createTestDb, type TestDb } from './db';
import { makeCompany, makeUser } from './factories';
import type { CompanyRow, UserRow } from '../src/db/schema/database';

export interface TestApp {
  app: App;
  /** The app's own services, for what has no route (a background job's round). */
  services: Services;
  db: Db;
  handle: TestDb;
  close(): Promise<void>;
}

export async function buildTestApp(opts: { clock?: Clock; voice?: VoiceOptions } = {}): Promise<TestApp> {
  const handle = await createTestDb();
  const secretKey = 'test-secret-test-secret-test-secret-0000';
  const clock = opts.clock ?? systemClock;
  const services = buildServices(handle.db, clock, await resolveSecret(handle.db, secretKey), {
    databaseUrl: handle.url,
    voice: opts.voice,
  });
  const app = await buildApp({
    config: { secretKey, webDist: '/nonexistent', logLevel: 'silent', databaseUrl: handle.url },
    db: handle.db,
    clock,
    logger: false,
    services,
    voice: opts.voice,
  });
  await app.ready();
  return {
    app,
    services,
    db: handle.db,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export async function loginAs(app: App, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** PUT /api/auth/me (a user's own profile and password) as `token`. */
export const updateMeRequest = (token: string, payload: object): InjectOptions => ({
  method: 'PUT',
  url: '/api/auth/me',
  headers: bearer(token),
  payload,
});

/** Injects `req`, expects a `status` (400 unless told) whose error names `field`, and answers the error's fields. */
export async function expectFieldError(app: App, req: InjectOptions, field: string, status = 400): Promise<Record<string, string>> {
  const r = await app.inject(req);
  expect(r.statusCode, r.body).toBe(status);
  const fields = (r.json() as { error: { fields?: Record<string, string> } }).error.fields ?? {};
  expect(Object.keys(fields)).toContain(field);
  return fields;
}

export interface World {
  companyA: CompanyRow;
  companyB: CompanyRow;
  superuser: UserRow & { password: string; token: string };
  adminA: UserRow & { password: string; token: string };
  agentA: UserRow & { password: string; token: string };
  adminB: UserRow & { password: string; token: string };
}

/** Two companies, a superuser, an admin and an agent in A, an admin in B — all logged in. */
export async function makeWorld(t: TestApp): Promise<World> {
  const companyA = await makeCompany(t.db, { display_name: 'Company A' });
  const companyB = await makeCompany(t.db, { display_name: 'Company B', locale: 'he' });
  const withToken = async (u: UserRow & { password: string }) => ({ ...u, token: await loginAs(t.app, u.username, u.password) });
  return {
    companyA,
    companyB,
    superuser: await withToken(await makeUser(t.db, { company: companyA, role: 'ADMIN', isSuperuser: true })),
    adminA: await withToken(await makeUser(t.db, { company: companyA, role: 'ADMIN' })),
    agentA: await withToken(await makeUser(t.db, { company: companyA, role: 'AGENT' })),
    adminB: await withToken(await makeUser(t.db, { company: companyB, role: 'ADMIN' })),
  };
}

/** A multipart/form-data body with one file (and optional fields), for app.inject. */
export function multipart(
  file: { name: string; content: Buffer | string; type?: string; field?: string },
  fields: Record<string, string> = {},
) {
  const boundary = `----dialdeck${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
