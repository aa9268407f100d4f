import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, loginAs, makeWorld, updateMeRequest, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { makeUser } from '../../../test/factories';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../lib/auth';
import { fixedClock } from '../../lib/time';
import { UsersRepository } from '../users/users.repository';

describe(`auth routes (${ENGINE})`, () => {
  const clock = fixedClock('2026-05-01T09:00:00Z');
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  it('POST /api/auth/login answers a bearer token; 401 with one message for unknown user or wrong password', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: w.adminA.username, password: w.adminA.password },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: w.adminA.username, password: 'nope-nope' },
    });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('login validates its body', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toMatchObject({ username: expect.any(String), password: expect.any(String) });
  });

  it('answers 429 with Retry-After after repeated failures', async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'bad-bad-bad' } });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('GET /api/auth/me answers the user object without any password hash', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(w.agentA.token) });
    expect(r.statusCode).toBe(200);
    const me = r.json();
    expect(Object.keys(me).sort()).toEqual(
      [
        'company',
        'created_at',
        'first_name',
        'id',
        'is_active',
        'is_superuser',
        'last_login_at',
        'last_name',
        'phone_number',
        'role',
        'updated_at',
        'username',
      ].sort(),
    );
    expect(me).toMatchObject({ id: w.agentA.id, role: 'AGENT', company: { id: w.companyA.id, name: w.companyA.name } });
    expect(r.body).not.toMatch(/password|argon2/);
    expect(me.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+03:30$/);
  });

  it.each([
    ['no header', undefined],
    ['not bearer', 'Basic abc'],
    ['garbage token', 'Bearer abc.def.ghi'],
    ['dialer token on a user route', 'Bearer ddt_0123456789abcdef'],
  ])('GET /api/auth/me with %s → 401', async (_label, authorization) => {
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: authorization ? { authorization } : {} });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('UNAUTHORIZED');
  });

  it('a token expires after one day', async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const token = await loginAs(t.app, u.username, u.password);
    clock.advance(ACCESS_TOKEN_TTL_SECONDS * 1000 + 1000);
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toMatch(/expired/i);
  });

  it("a deactivated user's token stops working at once", async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const token = await loginAs(t.app, u.username, u.password);
    await new UsersRepository(t.db).update(w.companyA.id, u.id, { is_active: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('PUT /api/auth/me: 403 on a wrong current password, else updates name and password', async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const token = await loginAs(t.app, u.username, u.password);
    const bad = await t.app.inject(updateMeRequest(token, { current_password: 'wrong', first_name: 'X' }));
    expect(bad.statusCode).toBe(403);
    expect(bad.json().error.fields).toEqual({ current_password: 'wrong password' });
    await expectFieldError(t.app, updateMeRequest(token, { first_name: 'X' }), 'current_password');
    await expectFieldError(t.app, updateMeRequest(token, { current_password: u.password, new_password: 'short' }), 'new_password');
    const ok = await t.app.inject(
      updateMeRequest(token, { current_password: u.password, first_name: 'Reza', last_name: 'Karimi', new_password: 'a-new-password' }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ first_name: 'Reza', last_name: 'Karimi' });
    await expect(loginAs(t.app, u.username, 'a-new-password')).resolves.toEqual(expect.any(String));
  });
});
