import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany, makeUser } from '../../../test/factories';
import { resolveSecret } from '../../app';
import { AccessTokens } from '../../lib/auth';
import { fixedClock } from '../../lib/time';
import { CompaniesRepository } from '../companies/companies.repository';
import { UsersService } from '../users/users.service';
import { CompaniesService } from '../companies/companies.service';
import { UsersRepository } from '../users/users.repository';
import { AuthService } from './auth.service';
import { LIMITS, WINDOW_MS } from './login-throttle-rules';
import { LoginFailuresRepository } from './login-failures.repository';

describe(`auth service (${ENGINE})`, () => {
  let t: TestDb;
  const clock = fixedClock('2026-03-01T08:00:00Z');
  let auth: AuthService;
  let tokens: AccessTokens;

  beforeAll(async () => {
    t = await createTestDb();
    tokens = new AccessTokens(new TextEncoder().encode('x'.repeat(40)), clock);
    auth = new AuthService(
      new UsersService(new UsersRepository(t.db), new CompaniesService(new CompaniesRepository(t.db))),
      new LoginFailuresRepository(t.db),
      tokens,
      clock,
    );
  });
  afterAll(() => t.close());

  it('logs in case-insensitively and answers a one-day bearer token', async () => {
    const c = await makeCompany(t.db);
    const u = await makeUser(t.db, { company: c, username: 'MixedCase_User' });
    const r = await auth.login('mixedcase_user', u.password, '10.0.0.1');
    expect(r).toMatchObject({ token_type: 'bearer', expires_in: 86400 });
    expect(await tokens.verify(r.access_token)).toEqual({ userId: u.id, tokenVersion: 0 });
  });

  it('gives one message for an unknown user and a wrong password', async () => {
    const c = await makeCompany(t.db);
    const u = await makeUser(t.db, { company: c });
    const e1 = await auth.login('nobody-here', 'whatever', '10.0.0.2').catch((e: unknown) => e);
    const e2 = await auth.login(u.username, 'wrong-password', '10.0.0.2').catch((e: unknown) => e);
    expect(e1).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(e2).toMatchObject({ code: 'UNAUTHORIZED', message: (e1 as Error).message });
  });

  it('refuses deactivated users and users of a deactivated company, but not a superuser there', async () => {
    const c = await makeCompany(t.db);
    const off = await makeUser(t.db, { company: c, isActive: false });
    await expect(auth.login(off.username, off.password, '10.0.0.3')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const member = await makeUser(t.db, { company: c });
    const su = await makeUser(t.db, { company: c, isSuperuser: true, role: 'ADMIN' });
    await new CompaniesRepository(t.db).update(c.id, { is_active: false });
    await expect(auth.login(member.username, member.password, '10.0.0.3')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await auth.principal(member.id)).toBeUndefined();
    await expect(auth.login(su.username, su.password, '10.0.0.3')).resolves.toHaveProperty('access_token');
  });

  it(`throttles after ${LIMITS.pair} failures for a username from one address, until the window passes`, async () => {
    const c = await makeCompany(t.db);
    const u = await makeUser(t.db, { company: c });
    for (let i = 0; i < LIMITS.pair; i++) {
      await expect(auth.login(u.username, 'bad', '10.0.0.4')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const limited = await auth.login(u.username, u.password, '10.0.0.4').catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number((limited as { headers: Record<string, string> }).headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    await expect(auth.login(u.username, u.password, '10.0.0.5')).resolves.toHaveProperty('access_token');
    clock.advance(WINDOW_MS + 1000);
    await expect(auth.login(u.username, u.password, '10.0.0.4')).resolves.toHaveProperty('access_token');
  });

  it('a success clears the username counter', async () => {
    const c = await makeCompany(t.db);
    const u = await makeUser(t.db, { company: c });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.pair - 1; i++) await auth.login(u.username, 'bad', '10.0.0.6').catch(() => undefined);
      await expect(auth.login(u.username, u.password, '10.0.0.6')).resolves.toHaveProperty('access_token');
    }
  });

  it('updateMe needs the current password, then changes name and password', async () => {
    const c = await makeCompany(t.db);
    const u = await makeUser(t.db, { company: c });
    const me = (await auth.principal(u.id))!;
    await expect(auth.updateMe(me, { current_password: 'nope', first_name: 'X' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const updated = await auth.updateMe(me, {
      current_password: u.password,
      first_name: ' Sara ',
      last_name: '',
      new_password: 'brand-new-pass',
    });
    expect(updated).toMatchObject({ first_name: 'Sara', last_name: null });
    await expect(auth.login(u.username, u.password, '10.0.0.7')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(auth.login(u.username, 'brand-new-pass', '10.0.0.7')).resolves.toHaveProperty('access_token');
  });

  it('generates the JWT secret once and keeps it', async () => {
    const s1 = await resolveSecret(t.db, undefined);
    const s2 = await resolveSecret(t.db, undefined);
    expect(Buffer.from(s1).toString()).toBe(Buffer.from(s2).toString());
    expect(s1.length).toBeGreaterThanOrEqual(48);
    expect(Buffer.from(await resolveSecret(t.db, 'k'.repeat(32))).toString()).toBe('k'.repeat(32));
  });
});
