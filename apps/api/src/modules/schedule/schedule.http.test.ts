import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { fixedClock } from '../../lib/time';

describe(`schedule routes /api/schedule (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  const clock = fixedClock('2026-01-03T06:30:00Z');

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload !== undefined ? { payload: payload as object } : {}) });

  const routes: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?]> = [
    ['GET', '/api/schedule'],
    ['PUT', '/api/schedule', { enabled: false }],
    ['GET', '/api/schedule/holidays?year=2026'],
    ['POST', '/api/schedule/holidays', { date: '2026-07-01', name: 'x' }],
    ['DELETE', '/api/schedule/holidays/2026-03-21'],
  ];

  it.each(routes)('%s %s: 401 without a token, 403 for an agent', async (method, url, payload) => {
    const anon = await t.app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) });
    expect(anon.statusCode).toBe(401);
    const agent = await req(method, url, w.agentA.token, payload);
    expect(agent.statusCode).toBe(403);
    expect(agent.json().error.code).toBe('FORBIDDEN');
  });

  it('GET answers the defaults for a company that never set a schedule', async () => {
    const r = await req('GET', '/api/schedule', w.adminA.token);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toEqual({
      config: { enabled: true, skip_holidays: true, disabled_by_dialer: false, version: 1, updated_at: expect.stringMatching(/\+03:30$/) },
      windows: [],
    });
  });

  it('PUT replaces the windows, bumps the version and answers like GET (times as HH:MM, offset of the company)', async () => {
    const put = await req('PUT', '/api/schedule', w.adminA.token, {
      skip_holidays: false,
      windows: [
        { day_of_week: 1, start_time: '13:00', end_time: '24:00' },
        { day_of_week: 0, start_time: '09:00:00', end_time: '12:30' },
      ],
    });
    expect(put.statusCode).toBe(200);
    const body = put.json();
    expect(body.config).toMatchObject({ enabled: true, skip_holidays: false, disabled_by_dialer: false, version: 2 });
    expect(body.config.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+03:30$/);
    expect(
      body.windows.map((x: { day_of_week: number; start_time: string; end_time: string }) => [x.day_of_week, x.start_time, x.end_time]),
    ).toEqual([
      [0, '09:00', '12:30'],
      [1, '13:00', '24:00'],
    ]);
    expect(body.windows.every((x: { id: unknown }) => Number.isInteger(x.id))).toBe(true);
    expect((await req('GET', '/api/schedule', w.adminA.token)).json()).toEqual(body);

    const flagsOnly = (await req('PUT', '/api/schedule', w.adminA.token, { enabled: false })).json();
    expect(flagsOnly.config).toMatchObject({ enabled: false, skip_holidays: false, version: 3 });
    expect(flagsOnly.windows).toEqual(body.windows);
    const cleared = (await req('PUT', '/api/schedule', w.adminA.token, { enabled: true, windows: [] })).json();
    expect(cleared).toMatchObject({ config: { enabled: true, version: 4 }, windows: [] });
  });

  it.each([
    [{ windows: [{ day_of_week: 0, start_time: '9:00', end_time: '17:00' }] }, 'windows.0.start_time'],
    [{ windows: [{ day_of_week: 0, start_time: '09:00', end_time: '25:00' }] }, 'windows.0.end_time'],
    [{ windows: [{ day_of_week: 0, start_time: '09:60', end_time: '17:00' }] }, 'windows.0.start_time'],
    [{ windows: [{ day_of_week: 0, start_time: '17:00', end_time: '09:00' }] }, 'windows.0.end_time'],
    [{ windows: [{ day_of_week: 0, start_time: '10:00', end_time: '10:00' }] }, 'windows.0.end_time'],
    [{ windows: [{ day_of_week: 0, start_time: '24:00', end_time: '24:00' }] }, 'windows.0.end_time'],
    [
      {
        windows: [
          { day_of_week: 0, start_time: '09:00', end_time: '10:00' },
          { day_of_week: 7, start_time: '09:00', end_time: '10:00' },
        ],
      },
      'windows.1.day_of_week',
    ],
    [{ windows: [{ day_of_week: -1, start_time: '09:00', end_time: '10:00' }] }, 'windows.0.day_of_week'],
    [{ windows: [{ day_of_week: 1.5, start_time: '09:00', end_time: '10:00' }] }, 'windows.0.day_of_week'],
    [{ windows: [{ day_of_week: 0, start_time: '09:00' }] }, 'windows.0.end_time'],
    [{ windows: [{ day_of_week: 0, start_time: '09:00', end_time: '10:00', note: 'x' }] }, 'windows.0.note'],
    [{ windows: 'always' }, 'windows'],
    [{ enabled: 'yes' }, 'enabled'],
    [{ skip_holidays: null }, 'skip_holidays'],
    [{ version: 9 }, 'version'],
    [{ disabled_by_dialer: false }, 'disabled_by_dialer'],
  ])('PUT %j → 400 naming %s', async (payload, field) => {
    const before = (await req('GET', '/api/schedule', w.adminA.token)).json().config.version;
    const r = await req('PUT', '/api/schedule', w.adminA.token, payload);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.fields).toHaveProperty([field]);
    expect((await req('GET', '/api/schedule', w.adminA.token)).json().config.version).toBe(before);
  });

  it('PUT names only the malformed time, not the order of the two', async () => {
    const r = await req('PUT', '/api/schedule', w.adminA.token, {
      windows: [{ day_of_week: 7, start_time: '9:00', end_time: '09:00' }],
      foo: 1,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual({
      'windows.0.day_of_week': '0 (Saturday) to 6 (Friday)',
      'windows.0.start_time': 'a time such as 09:00 or 17:30',
      foo: 'unknown field',
    });
  });

  it('PUT refuses a body that is not JSON, and more than 100 windows', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/schedule',
      headers: { ...bearer(w.adminA.token), 'content-type': 'application/json' },
      payload: '{',
    });
    expect(bad.statusCode).toBe(400);
    const many = Array.from({ length: 101 }, () => ({ day_of_week: 0, start_time: '09:00', end_time: '10:00' }));
    const r = await req('PUT', '/api/schedule', w.adminA.token, { windows: many });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toHaveProperty(['windows']);
  });

  describe('holidays', () => {
    it('GET ?year= seeds the company calendar (fa: Iranian; he: Israeli)', async () => {
      const r = await req('GET', '/api/schedule/holidays?year=2026', w.adminA.token);
      expect(r.statusCode).toBe(200);
      const items = r.json().items as Array<{ date: string; name: string; source: string }>;
      expect(items.find((h) => h.date === '2026-03-22')).toEqual({ date: '2026-03-22', name: 'نوروز', source: 'calendar' });
      expect(items.every((h) => h.date.startsWith('2026-'))).toBe(true);
      const he = (await req('GET', '/api/schedule/holidays?year=2026', w.adminB.token)).json().items as Array<{
        date: string;
        name: string;
      }>;
      expect(he.find((h) => h.date === '2026-09-21')?.name).toBe('יום כיפור');
      expect(he.map((h) => h.date)).not.toContain('2026-03-22');
    });

    it('GET without a year lists the current year', async () => {
      const items = (await req('GET', '/api/schedule/holidays', w.adminA.token)).json().items as Array<{ date: string }>;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((h) => h.date.startsWith('2026-'))).toBe(true);
    });

    it.each(['year=1999', 'year=2101', 'year=abc', 'year=2026.5'])('GET ?%s → 400 naming year', async (q) => {
      const r = await req('GET', `/api/schedule/holidays?${q}`, w.adminA.token);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields).toHaveProperty(['year']);
      expect(r.json().error.fields.year).toMatch(/2000 to 2100|a year such as 2026|number/);
    });

    it('POST adds a company holiday (201), 409 naming date for a date that already is one', async () => {
      const r = await req('POST', '/api/schedule/holidays', w.adminA.token, { date: '2026-07-15', name: 'Team day' });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toEqual({ date: '2026-07-15', name: 'Team day', source: 'company' });
      const dup = await req('POST', '/api/schedule/holidays', w.adminA.token, { date: '2026-07-15', name: 'Again' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toMatchObject({ code: 'CONFLICT', fields: { date: 'already a holiday' } });
      const cal = await req('POST', '/api/schedule/holidays', w.adminA.token, { date: '2026-03-23', name: 'Nowruz' });
      expect(cal.statusCode).toBe(409);
      const items = (await req('GET', '/api/schedule/holidays?year=2026', w.adminA.token)).json().items;
      expect(items).toContainEqual({ date: '2026-07-15', name: 'Team day', source: 'company' });
    });

    it.each([
      [{ date: '2026-02-30', name: 'x' }, 'date'],
      [{ date: '2026-7-1', name: 'x' }, 'date'],
      [{ date: '01/07/2026', name: 'x' }, 'date'],
      [{ name: 'x' }, 'date'],
      [{ date: '2026-07-01' }, 'name'],
      [{ date: '2026-07-01', name: '   ' }, 'name'],
      [{ date: '2026-07-01', name: 'x'.repeat(201) }, 'name'],
      [{ date: '2026-07-01', name: 'x', source: 'calendar' }, 'source'],
    ])('POST %j → 400 naming %s', async (payload, field) => {
      const r = await req('POST', '/api/schedule/holidays', w.adminA.token, payload);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields).toHaveProperty([field]);
    });

    it('DELETE removes a calendar date for good (204), then 404; a bad date is 400', async () => {
      const d = await req('DELETE', '/api/schedule/holidays/2026-03-24', w.adminA.token);
      expect(d.statusCode).toBe(204);
      expect(d.body).toBe('');
      const items = (await req('GET', '/api/schedule/holidays?year=2026', w.adminA.token)).json().items as Array<{ date: string }>;
      expect(items.map((h) => h.date)).not.toContain('2026-03-24');
      const again = await req('DELETE', '/api/schedule/holidays/2026-03-24', w.adminA.token);
      expect(again.statusCode).toBe(404);
      expect(again.json().error).toMatchObject({ code: 'NOT_FOUND', fields: { date: 'not a holiday' } });
      for (const bad of ['2026-13-01', 'tomorrow', '2026-02-29']) {
        const r = await req('DELETE', `/api/schedule/holidays/${bad}`, w.adminA.token);
        expect(r.statusCode, bad).toBe(400);
        expect(r.json().error.fields).toHaveProperty(['date']);
      }
    });
  });

  it('odd values anywhere never cause a 500', async () => {
    const odd: unknown[] = [
      null,
      true,
      -1,
      0,
      1e308,
      '',
      ' ',
      'a\u0000b',
      '\uD800',
      'x'.repeat(5000),
      '🙂',
      "'; DROP TABLE users; --",
      [],
      [1, 2],
      {},
      { x: { y: [1] } },
    ];
    const window = { day_of_week: 0, start_time: '09:00', end_time: '10:00' };
    const check = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
      const r = await req(method, url, w.adminA.token, payload);
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(payload)?.slice(0, 80)} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
      if (r.statusCode !== 204) expect(r.json()).toBeTypeOf('object');
    };
    for (const v of odd) {
      for (const field of ['enabled', 'skip_holidays', 'windows']) await check('PUT', '/api/schedule', { [field]: v });
      for (const field of ['day_of_week', 'start_time', 'end_time'])
        await check('PUT', '/api/schedule', { windows: [{ ...window, [field]: v }] });
      for (const field of ['date', 'name']) await check('POST', '/api/schedule/holidays', { date: '2026-10-10', name: 'Odd', [field]: v });
      await check('PUT', '/api/schedule', v);
      await check('POST', '/api/schedule/holidays', v);
      if (typeof v === 'string' || typeof v === 'number') {
        let q: string;
        try {
          q = encodeURIComponent(String(v)).slice(0, 1000);
        } catch {
          q = '%ED%A0%80'; // a lone surrogate cannot be URI-encoded; send its raw bytes
        }
        await check('GET', `/api/schedule/holidays?year=${q}`);
        await check('DELETE', `/api/schedule/holidays/${q || '%20'}`);
        await check('GET', `/api/schedule?company=${q}`);
      }
      // Clean up whatever an odd name managed to add, so the next round starts alike.
      await req('DELETE', '/api/schedule/holidays/2026-10-10', w.adminA.token);
    }
  });

  describe('company scope', () => {
    it('a superuser acts on another company with company=<slug>; the own company is untouched', async () => {
      const beforeA = (await req('GET', '/api/schedule', w.superuser.token)).json().config.version;
      const put = await req('PUT', `/api/schedule?company=${w.companyB.name}`, w.superuser.token, {
        windows: [{ day_of_week: 1, start_time: '08:00', end_time: '16:00' }],
      });
      expect(put.statusCode).toBe(200);
      // Company B is in Jerusalem: +02:00 in January.
      expect(put.json().config.updated_at).toMatch(/\+02:00$/);
      const b = (await req('GET', '/api/schedule', w.adminB.token)).json();
      expect(b.windows).toEqual(put.json().windows);
      expect((await req('GET', '/api/schedule', w.superuser.token)).json().config.version).toBe(beforeA);

      const added = await req('POST', `/api/schedule/holidays?company=${w.companyB.name}`, w.superuser.token, {
        date: '2026-08-01',
        name: 'B day',
      });
      expect(added.statusCode).toBe(201);
      const listB = (await req('GET', `/api/schedule/holidays?company=${w.companyB.name}&year=2026`, w.superuser.token)).json().items;
      expect(listB).toContainEqual({ date: '2026-08-01', name: 'B day', source: 'company' });
      const listA = (await req('GET', '/api/schedule/holidays?year=2026', w.adminA.token)).json().items;
      expect(listA).not.toContainEqual(expect.objectContaining({ date: '2026-08-01' }));
      expect((await req('DELETE', `/api/schedule/holidays/2026-08-01?company=${w.companyB.name}`, w.superuser.token)).statusCode).toBe(204);
      expect((await req('GET', '/api/schedule?company=no-such-co', w.superuser.token)).statusCode).toBe(404);
    });

    it('an admin naming another company gets 404 and changes nothing there', async () => {
      const before = (await req('GET', '/api/schedule', w.adminB.token)).json();
      for (const [method, url, payload] of [
        ['GET', `/api/schedule?company=${w.companyB.name}`],
        ['PUT', `/api/schedule?company=${w.companyB.name}`, { enabled: false }],
        ['GET', `/api/schedule/holidays?company=${w.companyB.name}`],
        ['POST', `/api/schedule/holidays?company=${w.companyB.name}`, { date: '2026-08-02', name: 'x' }],
        ['DELETE', `/api/schedule/holidays/2026-09-21?company=${w.companyB.name}`],
      ] as const) {
        const r = await req(method, url, w.adminA.token, payload);
        expect(r.statusCode, `${method} ${url}`).toBe(404);
      }
      expect((await req('GET', '/api/schedule', w.adminB.token)).json()).toEqual(before);
    });
  });
});
