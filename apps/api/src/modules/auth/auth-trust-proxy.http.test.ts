import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany, makeUser } from '../../../test/factories';
import { buildApp } from '../../app';
import type { TrustProxy } from '../../config';
import type { App } from '../../lib/http';
import { LIMITS } from './login-throttle-rules';

describe(`TRUST_PROXY and the login limits (${ENGINE})`, () => {
  let t: TestDb;
  const apps: App[] = [];
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await t.close();
  });

  async function appWith(trustProxy: TrustProxy | undefined) {
    const app = await buildApp({
      config: { secretKey: 'test-secret-test-secret-test-secret-0000', webDist: '/nonexistent', logLevel: 'silent', trustProxy },
      db: t.db,
      logger: false,
    });
    apps.push(app);
    return app;
  }
  const login = (app: App, username: string, password: string, forwardedFor?: string) =>
    app
      .inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      })
      .then((r) => r.statusCode);

  it('behind a trusted proxy, each client address has its own limit', async () => {
    const app = await appWith(['127.0.0.1']); // inject's peer address
    const u = await makeUser(t.db, { company: await makeCompany(t.db) });
    for (let i = 0; i < LIMITS.pair; i++) expect(await login(app, u.username, 'wrong', '203.0.113.5')).toBe(401);
    expect(await login(app, u.username, u.password, '203.0.113.5')).toBe(429);
    expect(await login(app, u.username, u.password, '203.0.113.6')).toBe(200);
  });

  it('the default trusts no proxy: a forged X-Forwarded-For buys no fresh tries', async () => {
    const app = await appWith(undefined);
    const u = await makeUser(t.db, { company: await makeCompany(t.db) });
    for (let i = 0; i < LIMITS.pair; i++) expect(await login(app, u.username, 'wrong', `198.51.100.${i}`)).toBe(401);
    expect(await login(app, u.username, u.password, '198.51.100.99')).toBe(429);
  });

  it('a proxy that is not in the list is not believed', async () => {
    const app = await appWith(['10.0.0.0/8']);
    const u = await makeUser(t.db, { company: await makeCompany(t.db) });
    for (let i = 0; i < LIMITS.pair; i++) expect(await login(app, u.username, 'wrong', `192.0.2.${i}`)).toBe(401);
    expect(await login(app, u.username, u.password, '192.0.2.99')).toBe(429);
  });
});
