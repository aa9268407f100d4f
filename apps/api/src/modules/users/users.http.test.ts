import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { makeUser, unique } from '../../../test/factories';

describe(`users routes /api/admins (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('agents may not use any /api/admins route (403); no token is 401', async () => {
    expect((await req('GET', '/api/admins', w.agentA.token)).statusCode).toBe(403);
    expect(
      (await req('POST', '/api/admins', w.agentA.token, { username: unique('a_'), password: 'password-1', role: 'AGENT' })).statusCode,
    ).toBe(403);
    expect((await req('PUT', `/api/admins/${w.agentA.id}`, w.agentA.token, { first_name: 'x' })).statusCode).toBe(403);
    expect((await req('DELETE', `/api/admins/${w.adminA.id}`, w.agentA.token)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admins' })).statusCode).toBe(401);
  });

  it("GET shows each user's last sign-in: null until a login succeeds, then its time; a failed login leaves it", async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const lastLogin = async () => (await req('GET', `/api/admins/${u.id}`, w.adminA.token)).json().last_login_at as string | null;
    expect(await lastLogin()).toBeNull();
    const before = Date.now();
    await loginAs(t.app, u.username, u.password);
    const first = await lastLogin();
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+03:30$/);
    expect(new Date(first!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(await lastLogin()).toBe(first);
    const listed = (await req('GET', '/api/admins?limit=500', w.adminA.token)).json();
    expect(listed.items.find((x: { id: number }) => x.id === u.id)).toMatchObject({ last_login_at: first });
  });

  it("GET lists the caller's company only, paginated, with total", async () => {
    const r = await req('GET', '/api/admins?skip=0&limit=2', w.adminA.token);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ skip: 0, limit: 2 });
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(3);
    const all = (await req('GET', '/api/admins?limit=500', w.adminA.token)).json();
    expect(all.items.every((u: { company: { id: number } }) => u.company.id === w.companyA.id)).toBe(true);
    expect(all.items.map((u: { id: number }) => u.id)).not.toContain(w.adminB.id);
    expect(JSON.stringify(all)).not.toMatch(/password/);
  });

  it.each(['limit=0', 'limit=501', 'skip=-1', 'limit=abc', 'role=BOSS'])('GET ?%s → 400 naming the field', async (q) => {
    const r = await req('GET', `/api/admins?${q}`, w.adminA.token);
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().error.fields)[0]).toBe(q.split('=')[0]);
  });

  it('POST creates (201) with a normalised phone; the new user can log in', async () => {
    const username = unique('agent_');
    const r = await req('POST', '/api/admins', w.adminA.token, {
      username,
      password: 'password-123',
      role: 'AGENT',
      first_name: 'Maryam',
      phone_number: '+98 912 555 0000',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      username,
      role: 'AGENT',
      is_superuser: false,
      is_active: true,
      phone_number: '09125550000',
      company: { id: w.companyA.id },
    });
    await expect(loginAs(t.app, username, 'password-123')).resolves.toEqual(expect.any(String));
  });

  it.each([
    [{ password: 'password-1', role: 'AGENT' }, 'username'],
    [{ username: 'ab', password: 'password-1', role: 'AGENT' }, 'username'],
    [{ username: 'has space', password: 'password-1', role: 'AGENT' }, 'username'],
    [{ username: unique('u_'), password: 'short', role: 'AGENT' }, 'password'],
    [{ username: unique('u_'), password: 'password-1', role: 'OWNER' }, 'role'],
    [{ username: unique('u_'), password: 'password-1', role: 'AGENT', phone_number: 'call me' }, 'phone_number'],
    [{ username: unique('u_'), password: 'password-1', role: 'AGENT', is_superuser: true }, 'is_superuser'],
    [{ username: unique('u_'), password: 'password-1', role: 'AGENT', company_id: 'one' }, 'company_id'],
  ])('POST %j → 400 naming %s', async (payload, field) => {
    const r = await req('POST', '/api/admins', w.adminA.token, payload);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toHaveProperty([field]);
  });

  it('POST answers 409 for a duplicate username or phone', async () => {
    const dupName = await req('POST', '/api/admins', w.adminA.token, {
      username: w.agentA.username.toUpperCase(),
      password: 'password-1',
      role: 'AGENT',
    });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.fields).toEqual({ username: 'already taken' });
    await makeUser(t.db, { company: w.companyA, phone: '09127770000' });
    const dupPhone = await req('POST', '/api/admins', w.adminA.token, {
      username: unique('u_'),
      password: 'password-1',
      role: 'AGENT',
      phone_number: '9127770000',
    });
    expect(dupPhone.statusCode).toBe(409);
    expect(dupPhone.json().error.fields).toEqual({ phone_number: 'already used by another user' });
  });

  it("another company's user answers 404 on GET, PUT and DELETE", async () => {
    for (const [method, payload] of [['GET'], ['PUT', { first_name: 'hack' }], ['DELETE']] as const) {
      const r = await req(method, `/api/admins/${w.adminB.id}`, w.adminA.token, payload);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    const still = await req('GET', `/api/admins/${w.adminB.id}`, w.adminB.token);
    expect(still.json()).toMatchObject({ first_name: null });
  });

  it('an admin naming another company by company=<slug> or company_id gets 404', async () => {
    expect((await req('GET', `/api/admins?company=${w.companyB.name}`, w.adminA.token)).statusCode).toBe(404);
    const r = await req('POST', '/api/admins', w.adminA.token, {
      username: unique('u_'),
      password: 'password-1',
      role: 'AGENT',
      company_id: w.companyB.id,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.fields).toEqual({ company_id: 'no such company' });
  });

  it('a superuser acts on another company with company=<slug>', async () => {
    const list = await req('GET', `/api/admins?company=${w.companyB.name}`, w.superuser.token);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { id: number }) => u.id)).toContain(w.adminB.id);
    const made = await req('POST', `/api/admins?company=${w.companyB.name}`, w.superuser.token, {
      username: unique('b_'),
      password: 'password-1',
      role: 'AGENT',
      phone_number: '054-555-1234',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ company: { id: w.companyB.id }, phone_number: '+972545551234' });
    const upd = await req('PUT', `/api/admins/${made.json().id}?company=${w.companyB.name}`, w.superuser.token, { last_name: 'Levi' });
    expect(upd.json()).toMatchObject({ last_name: 'Levi' });
    expect((await req('GET', '/api/admins?company=no-such-co', w.superuser.token)).statusCode).toBe(404);
  });

  it('PUT changes fields and deactivation blocks login; a superuser cannot be deactivated or deleted', async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const r = await req('PUT', `/api/admins/${u.id}`, w.adminA.token, { role: 'ADMIN', is_active: false, first_name: 'Neda' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ role: 'ADMIN', is_active: false, first_name: 'Neda' });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } });
    expect(login.statusCode).toBe(401);
    const deact = await req('PUT', `/api/admins/${w.superuser.id}`, w.superuser.token, { is_active: false });
    expect(deact.statusCode).toBe(403);
    expect((await req('DELETE', `/api/admins/${w.superuser.id}`, w.superuser.token)).statusCode).toBe(403);
    expect((await req('PUT', `/api/admins/${w.superuser.id}`, w.adminA.token, { password: 'taken-over-1' })).statusCode).toBe(403);
  });

  it('DELETE answers 204 and the user is gone; self-delete is 422', async () => {
    const u = await makeUser(t.db, { company: w.companyA });
    const r = await req('DELETE', `/api/admins/${u.id}`, w.adminA.token);
    expect(r.statusCode).toBe(204);
    expect(r.body).toBe('');
    expect((await req('GET', `/api/admins/${u.id}`, w.adminA.token)).statusCode).toBe(404);
    expect((await req('DELETE', `/api/admins/${w.adminA.id}`, w.adminA.token)).statusCode).toBe(422);
  });
});
