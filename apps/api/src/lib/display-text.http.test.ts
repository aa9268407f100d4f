import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, type TestApp, type World } from '../../test/app';
import { ENGINE } from '../../test/db';
import { DEFAULT_PASSWORD } from '../../test/factories';

// Every name a person reads refuses control and bidi override characters, naming the field.
describe(`names refuse control and bidi override characters (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const RLO = '\u202E';
  const cases: Array<[string, string, () => string, object, string]> = [
    ['POST', '/api/companies', () => w.superuser.token, { name: 'co-bidi', display_name: `Acme${RLO}gnp.exe` }, 'display_name'],
    ['PUT', '/api/auth/me', () => w.adminA.token, { first_name: 'a\u0000b', current_password: DEFAULT_PASSWORD }, 'first_name'],
    [
      'POST',
      '/api/admins',
      () => w.adminA.token,
      { username: 'bidi_user', password: 'password-1', role: 'AGENT', last_name: `x\u2067y` },
      'last_name',
    ],
    ['POST', '/api/dialer/tokens', () => w.adminA.token, { name: `tok\n` + 'en' }, 'name'],
    ['POST', '/api/schedule/holidays', () => w.adminA.token, { date: '2026-03-21', name: `Nowruz${RLO}` }, 'name'],
  ];
  it.each(cases)('%s %s → 400 naming %s', async (method, url, token, payload, field) => {
    const fields = await expectFieldError(t.app, { method: method as 'POST', url, headers: bearer(token()), payload }, field);
    expect(fields).toEqual({ [field]: 'no control or bidi override characters' });
  });

  it('keeps the marks RTL text needs (RLM, ZWNJ)', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/dialer/tokens',
      headers: bearer(w.adminA.token),
      payload: { name: '\u200Fعلی\u200Cرضا' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().name).toBe('\u200Fعلی\u200Cرضا');
  });
});
