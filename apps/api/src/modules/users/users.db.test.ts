import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany, makeUser, unique } from '../../../test/factories';
import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { openPostgres } from '../../db/client';
import { CompaniesRepository } from '../companies/companies.repository';
import { CompaniesService } from '../companies/companies.service';
import { isNewUserSuperuser } from './user-rules';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { toPublicUser } from './user-view';

describe(`users service (${ENGINE})`, () => {
  let t: TestDb;
  let repo: UsersRepository;
  let service: UsersService;
  let a: CompanyRow;
  let b: CompanyRow;
  let adminA: Principal;
  let root: Principal;

  beforeAll(async () => {
    t = await createTestDb();
    repo = new UsersRepository(t.db);
    const companies = new CompaniesService(new CompaniesRepository(t.db));
    service = new UsersService(repo, companies);
    a = await makeCompany(t.db);
    b = await makeCompany(t.db, { locale: 'he' });
    // The very first user of an installation becomes superuser whatever is asked.
    const first = await service.create({ kind: 'user', user: { id: 0, is_superuser: true } as never, company: a }, a, {
      username: unique('first_'),
      password: 'first-password',
      role: 'AGENT',
    });
    expect(first.user.is_superuser).toBe(true);
    root = { kind: 'user', user: toPublicUser(first.user), company: a };
    const admin = await makeUser(t.db, { company: a, role: 'ADMIN' });
    adminA = { kind: 'user', user: toPublicUser(admin), company: a };
  });
  afterAll(() => t.close());

  it('later users are not superusers', async () => {
    const { user } = await service.create(adminA, a, { username: unique('u_'), password: 'password-1', role: 'AGENT' });
    expect(user.is_superuser).toBe(false);
  });

  it('usernames are unique whatever their case', async () => {
    const name = unique('Case_');
    await service.create(adminA, a, { username: name, password: 'password-1', role: 'AGENT' });
    await expect(service.create(adminA, b, { username: name.toUpperCase(), password: 'password-1', role: 'AGENT' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { username: 'already taken' },
    });
  });

  it('stores phones normalised with the company region; unique within a company only', async () => {
    const agentWith = (phone_number: string) => ({ username: unique('p_'), password: 'password-1', role: 'AGENT' as const, phone_number });
    const { user } = await service.create(adminA, a, agentWith('+98 912 000 1111'));
    expect(user.phone_number).toBe('09120001111');
    await expect(service.create(adminA, a, agentWith('9120001111'))).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { phone_number: 'already used by another user' },
    });
    const inB = await service.create(root, b, agentWith('+989120001111'));
    expect(inB.user.phone_number).toBe('09120001111');
    const il = await service.create(root, b, agentWith('054-555-1234'));
    expect(il.user.phone_number).toBe('+972545551234');
    await expect(service.create(adminA, a, agentWith('12'))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { phone_number: 'too short' },
    });
  });

  it("lists only the company's users, with search, role and paging", async () => {
    const tag = unique('zz');
    for (let i = 0; i < 3; i++) await makeUser(t.db, { company: a, username: `${tag}_a${i}` });
    await makeUser(t.db, { company: b, username: `${tag}_b0` });
    const inA = await repo.list(a.id, { skip: 0, limit: 50, search: tag });
    expect(inA.total).toBe(3);
    expect(inA.rows.every((u) => u.company_id === a.id)).toBe(true);
    const page = await repo.list(a.id, { skip: 1, limit: 1, search: tag });
    expect(page.rows.map((u) => u.username)).toEqual([`${tag}_a1`]);
    expect((await repo.list(b.id, { skip: 0, limit: 50, search: tag })).rows.map((u) => u.username)).toEqual([`${tag}_b0`]);
    expect((await repo.list(a.id, { skip: 0, limit: 50, search: '%' })).total).toBe(0);
    const admins = await repo.list(a.id, { skip: 0, limit: 500, role: 'ADMIN' });
    expect(admins.rows.every((u) => u.role === 'ADMIN')).toBe(true);
  });

  it("never reads, changes or deletes another company's user", async () => {
    const inB = await makeUser(t.db, { company: b });
    await expect(service.get(a, inB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.update(adminA, a, inB.id, { first_name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.delete(adminA, a, inB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await repo.findById(b.id, inB.id)).toMatchObject({ first_name: null });
  });

  it('an admin cannot create a user in another company; a superuser can', async () => {
    await expect(
      service.create(adminA, a, { username: unique('x_'), password: 'password-1', role: 'AGENT', company_id: b.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fields: { company_id: 'no such company' },
    });
    const made = await service.create(root, a, { username: unique('x_'), password: 'password-1', role: 'AGENT', company_id: b.id });
    expect(made.user.company_id).toBe(b.id);
  });

  it('a superuser cannot be deactivated or deleted, and admins cannot touch one', async () => {
    await expect(service.update(root, a, root.user.id, { is_active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.delete(root, a, root.user.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.update(adminA, a, root.user.id, { password: 'hijacked-1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('nobody deactivates, demotes or deletes themselves', async () => {
    await expect(service.update(adminA, a, adminA.user.id, { is_active: false })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(service.update(adminA, a, adminA.user.id, { role: 'AGENT' })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(service.delete(adminA, a, adminA.user.id)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('updates fields, keeps the canonical phone when a user moves company, and deletes', async () => {
    const u = await makeUser(t.db, { company: a, phone: '09121112222' });
    const moved = await service.update(root, a, u.id, { first_name: '  Ali ', company_id: b.id });
    expect(moved.user).toMatchObject({ first_name: 'Ali', company_id: b.id, phone_number: '09121112222' });
    await service.delete(root, b, u.id);
    expect(await repo.findById(b.id, u.id)).toBeUndefined();
  });

  it('first users created at once: exactly one becomes superuser', async () => {
    const fresh = await createTestDb();
    // On a server each racer gets its own connection; PGlite has one, shared by all.
    const handles = ENGINE === 'postgres' ? Array.from({ length: 6 }, () => openPostgres(fresh.url!, { max: 1 })) : [];
    const dbs = ENGINE === 'postgres' ? handles.map((h) => h.db) : Array.from({ length: 6 }, () => fresh.db);
    try {
      const c = await makeCompany(fresh.db);
      const made = await Promise.all(
        dbs.map((db, i) =>
          new UsersRepository(db).insert(
            c.id,
            { username: `racer${i}`, password_hash: 'x', role: 'ADMIN' },
            { superuser: (anyUserYet) => isNewUserSuperuser(false, anyUserYet) },
          ),
        ),
      );
      expect(made).toHaveLength(6);
      expect(made.filter((u) => u.is_superuser)).toHaveLength(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await fresh.close();
    }
  });
});
