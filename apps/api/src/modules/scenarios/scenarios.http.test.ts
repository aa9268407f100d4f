import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, unique } from '../../../test/factories';
import { fixedClock } from '../../lib/time';

const AI_CONFIG = {
  prompt: 'You call {{name}} about the renewal of {{plan}}.\nBe brief and polite.',
  first_message: 'سلام {{name}}',
  language: 'fa-IR',
  voice: 'alloy',
  variables: [
    { name: 'name', field: 'name', fallback: 'مشتری گرامی' },
    { name: 'plan', field: 'metadata.plan' },
  ],
};

describe(`scenarios (${ENGINE})`, () => {
  const clock = fixedClock('2026-05-13T06:00:00Z');
  let t: TestApp;
  let w: World;
  let dialerA: string;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const create = async (token: string, body: object) => {
    const r = await req('POST', '/api/scenarios', token, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
    dialerA = (await req('POST', '/api/dialer/tokens', w.adminA.token, { name: 'A' })).json().token;
  });
  afterAll(() => t.close());

  it('creates, reads, lists, edits a scenario with its config; names are unique per company only', async () => {
    const name = unique('renewal-');
    const s = await create(w.adminA.token, { name, display_name: 'تمدید', config: AI_CONFIG });
    expect(s).toMatchObject({ name, display_name: 'تمدید', is_active: true, config: AI_CONFIG, used_by: { calls: 0 } });
    expect(s.created_at).toMatch(/\+03:30$/);
    expect((await req('GET', `/api/scenarios/${s.id}`, w.adminA.token)).json()).toEqual(s);

    // Without config: an empty one.
    const plain = await create(w.adminA.token, { name: unique('human-'), display_name: 'Human agents', is_active: false });
    expect(plain.config).toEqual({});
    const list = (await req('GET', `/api/scenarios?search=${encodeURIComponent(name)}`, w.adminA.token)).json();
    expect(list).toMatchObject({ total: 1, skip: 0, items: [{ id: s.id }] });
    const inactive = (await req('GET', '/api/scenarios?is_active=false&limit=100', w.adminA.token)).json();
    expect(inactive.items.map((x: { id: number }) => x.id)).toContain(plain.id);
    expect(inactive.items.map((x: { id: number }) => x.id)).not.toContain(s.id);

    // The same name in the same company: 409 naming it; in another company: fine.
    const dup = await expectFieldError(
      t.app,
      { method: 'POST', url: '/api/scenarios', headers: bearer(w.adminA.token), payload: { name, display_name: 'x' } },
      'name',
      409,
    );
    expect(dup.name).toBe('already a scenario');
    await create(w.adminB.token, { name, display_name: 'B’s' });
    await expectFieldError(
      t.app,
      { method: 'PUT', url: `/api/scenarios/${plain.id}`, headers: bearer(w.adminA.token), payload: { name } },
      'name',
      409,
    );

    // An edit replaces the whole config.
    const edited = await req('PUT', `/api/scenarios/${s.id}`, w.adminA.token, {
      display_name: 'Renewal (short)',
      config: { prompt: 'Short.', language: 'he' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ display_name: 'Renewal (short)', config: { prompt: 'Short.', language: 'he' } });
    expect(edited.json().config).not.toHaveProperty('variables');
  });

  it.each([
    [{ display_name: 'x' }, 'name'],
    [{ name: 'has space', display_name: 'x' }, 'name'],
    [{ name: 'ok' }, 'display_name'],
    [{ name: 'ok', display_name: 'x', config: { prompt: 'Hi {{who}}' } }, 'config.prompt'],
    [{ name: 'ok', display_name: 'x', config: { first_message: 'Hi {{ who }}', variables: [] } }, 'config.first_message'],
    [{ name: 'ok', display_name: 'x', config: { language: 'xx-!!' } }, 'config.language'],
    [{ name: 'ok', display_name: 'x', config: { variables: [{ name: 'a', field: 'salary' }] } }, 'config.variables.0.field'],
    [
      {
        name: 'ok',
        display_name: 'x',
        config: {
          variables: [
            { name: 'a', field: 'name' },
            { name: 'a', field: 'email' },
          ],
        },
      },
      'config.variables.1.name',
    ],
    [{ name: 'ok', display_name: 'x', config: { temperature: 1 } }, 'config.temperature'],
    [{ name: 'ok', display_name: 'x', config: [] }, 'config'],
  ])('POST %j → 400 naming %s', async (payload, field) => {
    await expectFieldError(t.app, { method: 'POST', url: '/api/scenarios', headers: bearer(w.adminA.token), payload }, field);
  });

  it('only admins manage scenarios; another company’s scenario is 404 on every verb', async () => {
    expect((await req('GET', '/api/scenarios', w.agentA.token)).statusCode).toBe(403);
    expect((await req('POST', '/api/scenarios', w.agentA.token, { name: 'x', display_name: 'x' })).statusCode).toBe(403);
    const a = await create(w.adminA.token, { name: unique('mine-'), display_name: 'A only' });
    for (const [method, payload] of [['GET'], ['PUT', { display_name: 'stolen' }], ['DELETE']] as const) {
      expect((await req(method, `/api/scenarios/${a.id}`, w.adminB.token, payload)).statusCode).toBe(404);
    }
    const listB = (await req('GET', '/api/scenarios?limit=100', w.adminB.token)).json();
    expect(listB.items.map((x: { id: number }) => x.id)).not.toContain(a.id);
    expect((await req('GET', `/api/scenarios/${a.id}`, w.adminA.token)).json().display_name).toBe('A only');
  });

  it("report-result takes the company's own scenario only; a used scenario cannot be deleted, only deactivated", async () => {
    const [n] = await makeNumbers(t.db, freshPhones(1));
    const s = await create(w.adminA.token, { name: unique('used-'), display_name: 'Used one' });
    const b = await create(w.adminB.token, { name: unique('theirs-'), display_name: 'B one' });
    const bad = await req('POST', '/api/dialer/report-result', dialerA, { number_id: n, status: 'MISSED', scenario_id: b.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ scenario_id: 'no such scenario in this company' });
    const bulk = await req('POST', '/api/dialer/report-results', dialerA, {
      results: [
        { number_id: n, status: 'MISSED', scenario_id: s.id },
        { number_id: n, status: 'MISSED', scenario_id: 99999999 },
      ],
    });
    expect(bulk.statusCode).toBe(400);
    expect(bulk.json().error.fields).toHaveProperty(['results.1.scenario_id']);

    // Nothing named it yet: an unused scenario deletes (and then is gone).
    const spare = await create(w.adminA.token, { name: unique('spare-'), display_name: 'Spare' });
    expect((await req('DELETE', `/api/scenarios/${spare.id}`, w.adminA.token)).statusCode).toBe(204);
    expect((await req('GET', `/api/scenarios/${spare.id}`, w.adminA.token)).statusCode).toBe(404);
    expect((await req('DELETE', `/api/scenarios/${spare.id}`, w.adminA.token)).statusCode).toBe(404);

    for (const status of ['CONNECTED', 'MISSED']) {
      const r = await req('POST', '/api/dialer/report-result', dialerA, { number_id: n, status, scenario_id: s.id });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await req('GET', `/api/scenarios/${s.id}`, w.adminA.token)).json().used_by).toEqual({ calls: 2 });
    const del = await req('DELETE', `/api/scenarios/${s.id}`, w.adminA.token);
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({ code: 'CONFLICT', message: 'Used by 2 recorded calls; deactivate it instead.' });
    const off = await req('PUT', `/api/scenarios/${s.id}`, w.adminA.token, { is_active: false });
    expect(off.json()).toMatchObject({ is_active: false, used_by: { calls: 2 } });

    const bd = (await req('GET', '/api/stats/breakdown?by=scenario&timeframe=today', w.adminA.token)).json();
    expect(bd.items).toContainEqual(expect.objectContaining({ key: s.id, label: 'Used one', total: 2, connected: 1 }));
  });
});
