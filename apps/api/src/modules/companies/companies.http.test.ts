import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { unique } from '../../../test/factories';

describe(`companies routes (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const create = (token: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/companies', headers: bearer(token), payload: payload as object });

  it('only a superuser may list, read, create or change companies', async () => {
    for (const who of [w.adminA, w.agentA, w.adminB]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/companies', headers: bearer(who.token) })).statusCode).toBe(403);
      expect((await create(who.token, { name: unique('x-'), display_name: 'X' })).statusCode).toBe(403);
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/companies/${w.companyA.id}`,
            headers: bearer(who.token),
            payload: { display_name: 'X' },
          })
        ).statusCode,
      ).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/companies' })).statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/companies', headers: bearer(w.superuser.token) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([w.companyA.id, w.companyB.id]));
  });

  it('POST creates with 201 and the full company object; 409 on a duplicate name', async () => {
    const name = unique('acme-');
    const r = await create(w.superuser.token, { name, display_name: 'Acme Israel', locale: 'he', settings: { cost_per_connected: 2.5 } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      name,
      display_name: 'Acme Israel',
      is_active: true,
      timezone: 'Asia/Jerusalem',
      locale: 'he',
      default_region: 'IL',
      calendar: 'gregorian',
      settings: { cost_per_connected: 2.5, currency: 'ILS', cooldown_days: 3 },
    });
    expect(r.json().created_at).toMatch(/[+-]0[23]:00$/);
    const dup = await create(w.superuser.token, { name, display_name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ name: 'already exists' });
  });

  it.each([
    [{ name: 'Bad Name!', display_name: 'X' }, 'name'],
    [{ name: unique('ok-'), display_name: '' }, 'display_name'],
    [{ name: unique('ok-'), display_name: 'X', timezone: 'Mars/Olympus' }, 'timezone'],
    [{ name: unique('ok-'), display_name: 'X', locale: 'de' }, 'locale'],
    [{ name: unique('ok-'), display_name: 'X', default_region: 'XX' }, 'default_region'],
    [{ name: unique('ok-'), display_name: 'X', calendar: 'lunar' }, 'calendar'],
    [{ name: unique('ok-'), display_name: 'X', settings: { cooldown_days: -1 } }, 'settings.cooldown_days'],
    [{ name: unique('ok-'), display_name: 'X', settings: { currency: 'rials' } }, 'settings.currency'],
    [{ name: unique('ok-'), display_name: 'X', owner: 'me' }, 'owner'],
    [{ name: 42, display_name: 'X' }, 'name'],
  ])('POST %j → 400 naming %s', async (payload, field) => {
    const r = await create(w.superuser.token, payload);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.fields).toHaveProperty([field]);
  });

  it('PUT updates, including is_active and settings; 404 for an unknown id; 400 for a bad id', async () => {
    const made = (await create(w.superuser.token, { name: unique('upd-'), display_name: 'Before' })).json();
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/companies/${made.id}`,
      headers: bearer(w.superuser.token),
      payload: { display_name: 'After', is_active: false, timezone: 'Asia/Kolkata', default_region: 'in', settings: { cooldown_days: 5 } },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      display_name: 'After',
      is_active: false,
      timezone: 'Asia/Kolkata',
      default_region: 'IN',
      settings: { cooldown_days: 5 },
    });
    expect(r.json().updated_at).toMatch(/\+05:30$/);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/companies/999999',
          headers: bearer(w.superuser.token),
          payload: { display_name: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    await expectFieldError(
      t.app,
      { method: 'PUT', url: '/api/companies/abc', headers: bearer(w.superuser.token), payload: { display_name: 'x' } },
      'id',
    );
  });
  it('a company may keep the Hebrew calendar (create and update), and is seeded with the Israeli holidays', async () => {
    const name = unique('heb-');
    const made = await create(w.superuser.token, { name, display_name: 'Luach', locale: 'en', calendar: 'hebrew' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ locale: 'en', calendar: 'hebrew' });
    const holidays = await t.app.inject({
      method: 'GET',
      url: `/api/schedule/holidays?year=2026&company=${name}`,
      headers: bearer(w.superuser.token),
    });
    expect(holidays.statusCode).toBe(200);
    // An en company alone has no calendar holidays; the Hebrew calendar brings Israel's.
    expect(holidays.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-09-21', source: 'calendar' })]));

    const other = (await create(w.superuser.token, { name: unique('heb-'), display_name: 'Later', locale: 'fa' })).json();
    expect(other.calendar).toBe('jalali');
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/companies/${other.id}`,
      headers: bearer(w.superuser.token),
      payload: { calendar: 'hebrew' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().calendar).toBe('hebrew');
    await expectFieldError(
      t.app,
      { method: 'PUT', url: `/api/companies/${other.id}`, headers: bearer(w.superuser.token), payload: { calendar: 'islamic' } },
      'calendar',
    );
  });
});
