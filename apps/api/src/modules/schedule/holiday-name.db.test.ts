import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany } from '../../../test/factories';
import { fixedClock } from '../../lib/time';
import { iranianHolidays } from './holiday-calendars';
import { normalizeHolidayName } from './holiday-name';
import { ScheduleRepository } from './schedule.repository';
import { ScheduleService } from './schedule.service';

const PRESENTATION = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;

describe(`holiday names in NFKC (${ENGINE})`, () => {
  let t: TestDb;
  let service: ScheduleService;
  beforeAll(async () => {
    t = await createTestDb();
    service = new ScheduleService(new ScheduleRepository(t.db), fixedClock('2026-01-03T06:30:00Z'));
  });
  afterAll(() => t.close());

  it('the service stores seeded and added names without presentation forms', async () => {
    const c = await makeCompany(t.db, { locale: 'fa', timezone: 'Asia/Tehran' });
    const seeded = await service.listHolidays(c, 2026);
    expect(seeded.length).toBeGreaterThan(10);
    expect(iranianHolidays(2026).some((h) => PRESENTATION.test(h.name))).toBe(true);
    expect(seeded.filter((h) => PRESENTATION.test(h.name) || h.name !== h.name.normalize('NFKC'))).toEqual([]);
    const added = await service.addHoliday(c, { date: '2026-07-01', name: ' ﺟﺸﻦ  ﺷﺮﮐﺖ ' });
    expect(added.name).toBe('جشن شرکت');
  });

  it('names stored by an earlier version in presentation forms are repaired when read, and stay repaired', async () => {
    const c = await makeCompany(t.db, { locale: 'fa', timezone: 'Asia/Tehran' });
    await service.listHolidays(c, 2026);
    // As an earlier version stored them: the library's spelling, untouched.
    const raw = 'ﺟﺸﻦ ﻋﻠﯿﻪاﻟﺴﻼم';
    await sql`INSERT INTO company_holidays (company_id, date, name, source) VALUES (${c.id}, '2026-08-09', ${raw}, 'company')`.execute(
      t.db,
    );
    const version = (await service.get(c)).config.version;

    const listed = (await service.listHolidays(c, 2026)).find((h) => h.date === '2026-08-09');
    expect(listed?.name).toBe(normalizeHolidayName(raw));
    expect(listed?.name).not.toMatch(PRESENTATION);
    const stored = await sql<{
      name: string;
    }>`SELECT name FROM company_holidays WHERE company_id = ${c.id} AND date = '2026-08-09'`.execute(t.db);
    expect(stored.rows[0]?.name).toBe(normalizeHolidayName(raw));
    // A spelling fix is no schedule change: the dialer's version stays.
    expect((await service.get(c)).config.version).toBe(version);
  });
});
