import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany, makeUser } from '../../../test/factories';
import type { CompanyRow } from '../../db/schema/database';
import { AccessTokens } from '../../lib/auth';
import { verifyPassword } from '../../lib/passwords';
import { fixedClock } from '../../lib/time';
import { UsersService } from '../users/users.service';
import { CompaniesRepository } from '../companies/companies.repository';
import { CompaniesService } from '../companies/companies.service';
import { UsersRepository } from '../users/users.repository';
import { AuthService } from './auth.service';
import { LoginFailuresRepository } from './login-failures.repository';
import { LIMITS, WINDOW_MS } from './login-throttle-rules';

describe(`login and current-password throttling (${ENGINE})`, () => {
  let t: TestDb;
  let company: CompanyRow;
  const clock = fixedClock('2026-03-01T08:00:00Z');
  let auth: AuthService;
  let checked = 0;
  let addressSeq = 0;
  const freshAddress = () => `10.9.${Math.floor(++addressSeq / 250)}.${addressSeq % 250}`;
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? 'error',
    );

  beforeAll(async () => {
    t = await createTestDb();
    company = await makeCompany(t.db);
    const tokens = new AccessTokens(new TextEncoder().encode('x'.repeat(40)), clock);
    const countingCheck = (hash: string, password: string) => {
      checked++;
      return verifyPassword(hash, password);
    };
    auth = new AuthService(
      new UsersService(new UsersRepository(t.db), new CompaniesService(new CompaniesRepository(t.db))),
      new LoginFailuresRepository(t.db),
      tokens,
      clock,
      countingCheck,
    );
  });
  afterAll(() => t.close());

  it(`40 parallel wrong logins from one address check at most ${LIMITS.pair} passwords, and the owner from a clean address still gets in`, async () => {
    const u = await makeUser(t.db, { company });
    const address = freshAddress();
    checked = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => outcome(auth.login(u.username, i === 25 ? u.password : `wrong-${i}`, address))),
    );
    expect(checked).toBeLessThanOrEqual(LIMITS.pair);
    expect(results.filter((r) => r === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(40 - LIMITS.pair);
    expect(results.filter((r) => r === 'UNAUTHORIZED' || r === 'ok').length).toBe(checked);
    // The owner, from an address that has not failed, is not locked out.
    await expect(auth.login(u.username, u.password, freshAddress())).resolves.toHaveProperty('access_token');
  });

  it(`one address gets ${LIMITS.ip} attempts over all usernames, then 429 even for a correct password`, async () => {
    const address = freshAddress();
    for (let i = 0; i < LIMITS.ip; i++) {
      expect(await outcome(auth.login(`sprayed-${i}-${addressSeq}`, 'guess', address))).toBe('UNAUTHORIZED');
    }
    const u = await makeUser(t.db, { company });
    const refused = await auth.login(u.username, u.password, address).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number((refused as { headers: Record<string, string> }).headers['retry-after'])).toBeGreaterThan(0);
    await expect(auth.login(u.username, u.password, freshAddress())).resolves.toHaveProperty('access_token');
  });

  it(`past ${LIMITS.user} attempts on a username from many addresses, each address gets one try; a clean address still logs in`, async () => {
    const u = await makeUser(t.db, { company });
    // A distributed attack: a few addresses using their whole pair budget fill the user ceiling.
    for (let a = 0; a * LIMITS.pair < LIMITS.user; a++) {
      const address = freshAddress();
      for (let i = 0; i < LIMITS.pair; i++) expect(await outcome(auth.login(u.username, 'guess', address))).toBe('UNAUTHORIZED');
    }
    const attacker = freshAddress();
    checked = 0;
    expect(await outcome(auth.login(u.username, 'guess', attacker))).toBe('UNAUTHORIZED');
    expect(await outcome(auth.login(u.username, 'guess-2', attacker))).toBe('RATE_LIMITED');
    expect(await outcome(auth.login(u.username, u.password, attacker))).toBe('RATE_LIMITED');
    expect(checked).toBe(1);
    await expect(auth.login(u.username, u.password, freshAddress())).resolves.toHaveProperty('access_token');
    // Another username from the attacker's address is not affected by this one's ceiling.
    const other = await makeUser(t.db, { company });
    await expect(auth.login(other.username, other.password, attacker)).resolves.toHaveProperty('access_token');
  });

  it('successes behind one address do not fill its counter, and leave no counter rows', async () => {
    const address = freshAddress();
    const u = await makeUser(t.db, { company });
    for (let i = 0; i < LIMITS.ip + 5; i++) {
      await expect(auth.login(u.username, u.password, address)).resolves.toHaveProperty('access_token');
    }
    const left = await t.db.selectFrom('login_failures').select('key').where('key', 'like', `%${address}%`).execute();
    expect(left).toEqual([]);
    // After a failure and a success, the failure stays counted on the address.
    expect(await outcome(auth.login(u.username, 'wrong', address))).toBe('UNAUTHORIZED');
    await expect(auth.login(u.username, u.password, address)).resolves.toHaveProperty('access_token');
    const row = await t.db.selectFrom('login_failures').select('failures').where('key', '=', `ip:${address}`).executeTakeFirst();
    expect(row).toEqual({ failures: 1 });
  });

  it(`current_password: ${LIMITS.current} wrong guesses per user in a window, then 429 even for the right one`, async () => {
    const u = await makeUser(t.db, { company });
    const me = (await auth.principal(u.id))!;
    checked = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcome(auth.updateMe(me, { current_password: `wrong-${i}`, first_name: 'X' }))),
    );
    expect(checked).toBe(LIMITS.current);
    expect(results.filter((r) => r === 'FORBIDDEN').length).toBe(LIMITS.current);
    expect(results.filter((r) => r === 'RATE_LIMITED').length).toBe(20 - LIMITS.current);
    const refused = await auth.updateMe(me, { current_password: u.password, first_name: 'Y' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    clock.advance(WINDOW_MS + 1000);
    await expect(auth.updateMe(me, { current_password: u.password, first_name: 'Y' })).resolves.toMatchObject({ first_name: 'Y' });
  });

  it('a correct current password clears its counter', async () => {
    const u = await makeUser(t.db, { company });
    const me = (await auth.principal(u.id))!;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.current - 1; i++)
        expect(await outcome(auth.updateMe(me, { current_password: 'wrong' }))).toBe('FORBIDDEN');
      await expect(auth.updateMe(me, { current_password: u.password })).resolves.toHaveProperty('id', u.id);
    }
  });
});
