import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, loginAs, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser } from '../../../test/factories';
import { CampaignsRepository } from './campaigns.repository';

describe(`GET /api/campaigns (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  it("lists only the caller's company's campaigns, newest first, with member counts", async () => {
    const repo = new CampaignsRepository(t.db);
    const first = await repo.create(w.companyA.id, 'Spring');
    const second = await repo.create(w.companyA.id, 'Summer');
    await repo.create(w.companyB.id, 'B only');
    await repo.addMembers(t.db, w.companyA.id, second.id, await makeNumbers(t.db, freshPhones(3)));
    const r = await get('/api/campaigns', w.adminA.token);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ skip: 0, limit: 50 });
    expect(r.json().items).toEqual([
      expect.objectContaining({ id: second.id, name: 'Summer', status: 'active', member_count: 3, description: null }),
      expect.objectContaining({ id: first.id, name: 'Spring', member_count: 0, created_at: expect.stringMatching(/\+03:30$/) }),
    ]);
    expect(r.body).not.toContain('B only');
    const b = (await get('/api/campaigns', w.adminB.token)).json();
    expect(b.items.map((c: { name: string }) => c.name)).toEqual(['B only']);
    // Pages and the status filter.
    expect((await get('/api/campaigns?skip=1&limit=1', w.adminA.token)).json().items.map((c: { id: number }) => c.id)).toEqual([first.id]);
    expect((await get('/api/campaigns?status=paused', w.adminA.token)).json().items).toEqual([]);
    // A superuser may look at another company's.
    const su = (await get(`/api/campaigns?company=${w.companyB.name}`, w.superuser.token)).json();
    expect(su.items.map((c: { name: string }) => c.name)).toEqual(['B only']);
  });

  it('an empty company answers an empty list', async () => {
    const co = await makeCompany(t.db);
    const admin = await makeUser(t.db, { company: co, role: 'ADMIN' });
    const r = await get('/api/campaigns', await loginAs(t.app, admin.username, admin.password));
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([]);
  });

  it('agents are refused (403), anonymous callers 401', async () => {
    expect((await get('/api/campaigns', w.agentA.token)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(401);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['skip=-1', 'skip'],
    ['status=running', 'status'],
  ])('?%s → 400 naming %s', async (query, field) => {
    await expectFieldError(t.app, { method: 'GET', url: `/api/campaigns?${query}`, headers: bearer(w.adminA.token) }, field);
  });
});
