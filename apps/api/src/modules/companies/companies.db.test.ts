import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { unique } from '../../../test/factories';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import { companyView } from './company-view';

describe(`companies service (${ENGINE})`, () => {
  let t: TestDb;
  let service: CompaniesService;
  beforeAll(async () => {
    t = await createTestDb();
    service = new CompaniesService(new CompaniesRepository(t.db));
  });
  afterAll(() => t.close());

  it.each([
    ['fa', 'Asia/Tehran', 'IR', 'jalali', 'IRR'],
    ['he', 'Asia/Jerusalem', 'IL', 'gregorian', 'ILS'],
    ['en', 'UTC', 'US', 'gregorian', 'USD'],
  ] as const)('a %s company gets its locale defaults', async (locale, timezone, region, calendar, currency) => {
    const c = await service.create({ name: unique('c-'), display_name: 'X', locale });
    expect(companyView(c)).toMatchObject({
      locale,
      timezone,
      default_region: region,
      calendar,
      is_active: true,
      settings: { cost_per_connected: 0, currency, cooldown_days: 3 },
    });
  });

  it('defaults to Persian / Tehran when no locale is given', async () => {
    const c = await service.create({ name: unique('c-'), display_name: 'X' });
    expect(c).toMatchObject({ locale: 'fa', timezone: 'Asia/Tehran', default_region: 'IR', calendar: 'jalali' });
  });

  it('refuses a duplicate name with 409 on the field', async () => {
    const name = unique('dup-');
    await service.create({ name, display_name: 'X' });
    await expect(service.create({ name, display_name: 'Y' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { name: 'already exists' },
    });
    const other = await service.create({ name: unique('dup-'), display_name: 'Z' });
    await expect(service.update(other.id, { name })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('merges partial settings and keeps the rest', async () => {
    const c = await service.create({ name: unique('s-'), display_name: 'X', settings: { cost_per_connected: 1500 } });
    const u = await service.update(c.id, { settings: { cooldown_days: 7 }, is_active: false, display_name: 'Renamed' });
    expect(companyView(u)).toMatchObject({
      display_name: 'Renamed',
      is_active: false,
      settings: { cost_per_connected: 1500, currency: 'IRR', cooldown_days: 7 },
    });
    expect(u.updated_at.getTime()).toBeGreaterThanOrEqual(c.updated_at.getTime());
  });

  it('404s an unknown id or name; ensure() creates once', async () => {
    await expect(service.get(987654)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.getByName('nope-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const name = unique('ens-');
    const [x, y] = await Promise.all([service.ensure(name), service.ensure(name)]);
    expect(x.id).toBe(y.id);
  });
});
