import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../test/app';
import { ENGINE } from '../../test/db';

// No input makes the server answer 500: odd values thrown at every route must get a 4xx.
const ODD_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  99_999_999_999,
  '',
  ' ',
  'a\u0000b',
  '\uD800',
  'x'.repeat(5000),
  '🙂👍🏽',
  '%00',
  "'; DROP TABLE users; --",
  [],
  [1, 2],
  {},
  { nested: { deeper: [1, { x: null }] } },
];

describe(`bad input never causes a 500 (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const bodies: Array<[string, string, string[]]> = [
    ['POST', '/api/auth/login', ['username', 'password']],
    ['PUT', '/api/auth/me', ['first_name', 'last_name', 'current_password', 'new_password']],
    ['POST', '/api/companies', ['name', 'display_name', 'timezone', 'locale', 'default_region', 'calendar', 'settings']],
    ['POST', '/api/admins', ['username', 'password', 'role', 'first_name', 'phone_number', 'company_id']],
  ];

  it.each(bodies)('%s %s with odd values in every field', async (method, url, fields) => {
    for (const field of fields) {
      for (const value of ODD_VALUES) {
        const payload = {
          username: 'someone',
          password: 'password-1',
          current_password: 'x',
          name: 'co-x',
          display_name: 'X',
          role: 'AGENT',
          [field]: value,
        };
        const r = await t.app.inject({ method: method as 'POST', url, headers: bearer(w.superuser.token), payload });
        expect(r.statusCode, `${field}=${JSON.stringify(value)?.slice(0, 40)} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
        expect(r.json()).toBeTypeOf('object');
      }
    }
  });

  it.each(['99999999999', '-5', '0', '1.5', 'abc', '%00', '1e3'])('PUT/DELETE/GET /api/admins/%s → 4xx', async (id) => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const r = await t.app.inject({
        method,
        url: `/api/admins/${id}`,
        headers: bearer(w.superuser.token),
        ...(method === 'PUT' ? { payload: { first_name: 'x' } } : {}),
      });
      expect(r.statusCode, `${method} ${id}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
  });

  it.each([
    'skip=1e20',
    'limit=%00',
    'search=%00',
    `search=${'x'.repeat(200)}`,
    'company=%00',
    'company=' + 'x'.repeat(100),
    'skip=&limit=',
  ])('GET /api/admins?%s → 4xx or 200, never 500', async (q) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/admins?${q}`, headers: bearer(w.superuser.token) });
    expect(r.statusCode, r.body).toBeLessThan(500);
  });

  it('a name with a NUL byte is refused with 400, not stored half-way', async () => {
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/admins/${w.agentA.id}`,
      headers: bearer(w.adminA.token),
      payload: { first_name: 'a\u0000b', last_name: 'kept?' },
    });
    expect(r.statusCode).toBe(400);
    const after = await t.app.inject({ method: 'GET', url: `/api/admins/${w.agentA.id}`, headers: bearer(w.adminA.token) });
    expect(after.json()).toMatchObject({ first_name: null, last_name: null });
  });
});
