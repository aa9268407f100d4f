import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs, makeWorld, updateMeRequest, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { makeUser } from '../../../test/factories';
import type { UserRow } from '../../db/schema/database';

describe(`sessions end with their credentials (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }).then((r) => r.statusCode);
  const asAdmin = (method: 'PUT' | 'DELETE', u: UserRow, payload?: object) =>
    t.app.inject({ method, url: `/api/admins/${u.id}`, headers: bearer(w.adminA.token), ...(payload ? { payload } : {}) });
  /** A user with two sessions (two logins). */
  async function withSessions() {
    const u = await makeUser(t.db, { company: w.companyA });
    return { u, first: await loginAs(t.app, u.username, u.password), second: await loginAs(t.app, u.username, u.password) };
  }

  it('changing one’s own password ends every session; the one that changed it goes on with the fresh token answered', async () => {
    const { u, first, second } = await withSessions();
    const r = await t.app.inject(updateMeRequest(first, { current_password: u.password, new_password: 'a-whole-new-pass' }));
    expect(r.statusCode).toBe(200);
    expect([await me(first), await me(second)]).toEqual([401, 401]);
    const fresh = r.json().access_token as string;
    expect(fresh).toEqual(expect.any(String));
    expect(await me(fresh)).toBe(200);
    const again = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(second) });
    expect(again.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/session has ended/) });
    expect(await me(await loginAs(t.app, u.username, 'a-whole-new-pass'))).toBe(200);
  });

  it('changing only one’s name keeps the session', async () => {
    const { u, first } = await withSessions();
    const r = await t.app.inject(updateMeRequest(first, { current_password: u.password, first_name: 'Nadia' }));
    expect(r.statusCode).toBe(200);
    expect(r.json().access_token).toBeUndefined();
    expect(await me(first)).toBe(200);
  });

  it('an admin’s password reset ends the user’s sessions', async () => {
    const { u, first, second } = await withSessions();
    expect((await asAdmin('PUT', u, { password: 'reset-by-admin' })).statusCode).toBe(200);
    expect([await me(first), await me(second)]).toEqual([401, 401]);
    expect(await me(await loginAs(t.app, u.username, 'reset-by-admin'))).toBe(200);
  });

  it('an admin’s edit of other fields keeps the sessions', async () => {
    const { u, first } = await withSessions();
    expect((await asAdmin('PUT', u, { first_name: 'Omid', role: 'AGENT' })).statusCode).toBe(200);
    expect(await me(first)).toBe(200);
  });

  it('deactivation ends the sessions and reactivation does not revive them', async () => {
    const { u, first, second } = await withSessions();
    expect((await asAdmin('PUT', u, { is_active: false })).statusCode).toBe(200);
    expect(await me(first)).toBe(401);
    expect((await asAdmin('PUT', u, { is_active: true })).statusCode).toBe(200);
    expect([await me(first), await me(second)]).toEqual([401, 401]);
    expect(await me(await loginAs(t.app, u.username, u.password))).toBe(200);
  });

  it('deletion ends the sessions', async () => {
    const { u, first } = await withSessions();
    expect((await asAdmin('DELETE', u)).statusCode).toBe(204);
    expect(await me(first)).toBe(401);
  });

  it('another user’s change leaves a session alone', async () => {
    const { first } = await withSessions();
    const other = await makeUser(t.db, { company: w.companyA });
    expect((await asAdmin('PUT', other, { password: 'other-user-reset' })).statusCode).toBe(200);
    expect(await me(first)).toBe(200);
  });
});
