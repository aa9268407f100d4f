import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany } from '../../../test/factories';
import { fixedClock } from '../../lib/time';
import { iranianHolidays } from './holiday-calendars';
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
});
