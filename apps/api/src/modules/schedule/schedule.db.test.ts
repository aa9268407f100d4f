import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin } from 'kysely';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { makeCompany } from '../../../test/factories';
import type { Db } from '../../db/client';
import type { CompanyRow } from '../../db/schema/database';
import { fixedClock } from '../../lib/time';
import { calendarHolidays } from './holiday-calendars';
import { ScheduleRepository } from './schedule.repository';
import { ScheduleService } from './schedule.service';

const ALL_DAY = [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day_of_week: d, start_time: '00:00', end_time: '24:00' }));

/** Counts the statements run through a Kysely instance. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), count: () => n };
}

describe(`schedule service (${ENGINE})`, () => {
  let t: TestDb;
  let repo: ScheduleRepository;
  const clock = fixedClock('2026-01-03T06:30:00Z'); // Saturday 10:00 in Tehran
  let service: ScheduleService;

  beforeAll(async () => {
    t = await createTestDb();
    repo = new ScheduleRepository(t.db);
    service = new ScheduleService(repo, clock);
  });
  afterAll(() => t.close());

  const fa = () => makeCompany(t.db, { locale: 'fa' });
  const years = async (c: CompanyRow) =>
    (await t.db.selectFrom('company_holiday_years').select('year').where('company_id', '=', c.id).orderBy('year').execute()).map(
      (r) => r.year,
    );

  it('a company without a config row: enabled, skip holidays, not disabled, version 1, no windows → no_window', async () => {
    const c = await fa();
    const s = await service.get(c);
    expect(s.config).toMatchObject({ enabled: true, skip_holidays: true, disabled_by_dialer: false, version: 1 });
    expect(s.config.updated_at.getTime()).toBe(c.created_at.getTime());
    expect(s.windows).toEqual([]);
    expect(await service.verdict(c)).toMatchObject({ allowed: false, reason: 'no_window', retryAfterSeconds: 900, version: 1 });
    expect(await service.nextAllowedAt(c)).toBeNull();
  });

  it('every update bumps the version by one; flags are patched, windows replaced only when given', async () => {
    const c = await fa();
    const a = await service.update(c, {
      windows: [
        { day_of_week: 0, start_time: '09:00', end_time: '17:00' },
        { day_of_week: 0, start_time: '18:00:30', end_time: '24:00' },
      ],
    });
    expect(a.config.version).toBe(2);
    expect(a.windows.map((w) => [w.day_of_week, w.start_time, w.end_time])).toEqual([
      [0, '09:00:00', '17:00:00'],
      [0, '18:00:30', '24:00:00'],
    ]);
    const b = await service.update(c, { enabled: false });
    expect(b.config).toMatchObject({ enabled: false, skip_holidays: true, version: 3 });
    expect(b.windows).toHaveLength(2); // untouched
    expect(b.config.updated_at.getTime()).toBeGreaterThanOrEqual(a.config.updated_at.getTime());
    const d = await service.update(c, {
      enabled: true,
      skip_holidays: false,
      windows: [{ day_of_week: 6, start_time: '08:00', end_time: '09:00' }],
    });
    expect(d.config).toMatchObject({ enabled: true, skip_holidays: false, version: 4 });
    expect(d.windows.map((w) => w.day_of_week)).toEqual([6]);
    const e = await service.update(c, { windows: [] });
    expect(e.config.version).toBe(5);
    expect(e.windows).toEqual([]);
    expect(await service.get(c)).toEqual(e);
  });

  it('refuses a window that does not end after it starts (service and table)', async () => {
    const c = await fa();
    await expect(service.update(c, { windows: [{ day_of_week: 1, start_time: '10:00', end_time: '10:00' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'windows.0.end_time': 'must end after it starts' },
    });
    expect((await service.get(c)).config.version).toBe(1); // nothing happened
    const insert = (day: number, start: string, end: string) =>
      t.db.insertInto('schedule_windows').values({ company_id: c.id, day_of_week: day, start_time: start, end_time: end }).execute();
    await expect(insert(1, '10:00', '09:00')).rejects.toMatchObject({ code: '23514' });
    await expect(insert(1, '24:00', '24:00')).rejects.toMatchObject({ code: '23514' });
    await expect(insert(7, '09:00', '10:00')).rejects.toMatchObject({ code: '23514' });
    await insert(1, '23:00', '24:00'); // a window may close at midnight
  });

  it('concurrent updates of one company each bump once', async () => {
    const c = await fa();
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => service.update(c, { windows: [{ day_of_week: i, start_time: '09:00', end_time: '10:00' }] })),
    );
    const s = await service.get(c);
    expect(s.config.version).toBe(7);
    expect(s.windows).toHaveLength(1);
  });

  it('verdict: allowed in a window, each refusal with its retry hint, and the version', async () => {
    const c = await fa();
    await service.update(c, { skip_holidays: false, windows: [{ day_of_week: 0, start_time: '09:00', end_time: '12:00' }] });
    expect(await service.verdict(c)).toEqual({
      allowed: true,
      version: 2,
      fromMemory: false,
      confirm: { localDate: '2026-01-03', holiday: false },
    });
    expect(await service.verdict(c, new Date('2026-01-03T08:30:00Z'))).toMatchObject({
      allowed: false,
      reason: 'outside_allowed_time_window',
      retryAfterSeconds: 900,
      version: 2,
    });
    expect(await service.verdict(c, new Date('2026-01-04T06:30:00Z'))).toMatchObject({ reason: 'no_window' });
    await service.update(c, { enabled: false });
    expect(await service.verdict(c)).toMatchObject({ allowed: false, reason: 'disabled', retryAfterSeconds: 300, version: 3 });
  });

  it('nextAllowedAt reads the windows and the stored holidays', async () => {
    const c = await fa();
    const workweek = [0, 1, 2, 3, 4].map((d) => ({ day_of_week: d, start_time: '09:00', end_time: '17:00' }));
    await service.update(c, { windows: workweek });
    const from = new Date('2026-03-18T14:00:00Z'); // Wednesday 17:30 in Tehran, before Nowruz
    // Fri 20 (holiday anyway), Sat 21 – Tue 24 Nowruz: the first working window is Wednesday 25 March.
    expect((await service.nextAllowedAt(c, from))?.toISOString()).toBe(new Date('2026-03-25T09:00:00+03:30').toISOString());
    await service.deleteHoliday(c, '2026-03-22');
    expect((await service.nextAllowedAt(c, from))?.toISOString()).toBe(new Date('2026-03-22T09:00:00+03:30').toISOString());
    await service.update(c, { skip_holidays: false });
    expect((await service.nextAllowedAt(c, from))?.toISOString()).toBe(new Date('2026-03-21T09:00:00+03:30').toISOString());
  });

  it('nextAllowedAt seeds both years when the horizon crosses New Year', async () => {
    const c = await fa();
    await service.update(c, { windows: ALL_DAY });
    expect(await service.nextAllowedAt(c, new Date('2026-12-25T10:00:00Z'))).toEqual(new Date('2026-12-25T10:00:00Z'));
    expect(await years(c)).toEqual([2026, 2027]);
  });

  describe('holidays', () => {
    it('a year is seeded from the calendar once; a deleted calendar date stays deleted', async () => {
      const c = await fa();
      const first = await service.listHolidays(c, 2026);
      const expected = calendarHolidays('fa', 2026);
      expect(first.map((h) => h.date)).toEqual(expected.map((h) => h.date));
      expect(first.every((h) => h.source === 'calendar')).toBe(true);
      expect(first.find((h) => h.date === '2026-03-22')?.name).toBe('نوروز');
      expect(await years(c)).toEqual([2026]);

      await service.deleteHoliday(c, '2026-03-22');
      const again = await service.listHolidays(c, 2026);
      expect(again.map((h) => h.date)).not.toContain('2026-03-22');
      expect(again).toHaveLength(first.length - 1);
      expect(await years(c)).toEqual([2026]);
      // Not seeded again by evaluation either: 22 March is a working day now.
      await service.update(c, { windows: ALL_DAY });
      expect(await service.verdict(c, new Date('2026-03-22T08:00:00Z'))).toMatchObject({ allowed: true });
      expect(await service.verdict(c, new Date('2026-03-23T08:00:00Z'))).toMatchObject({ reason: 'holiday' });
    });

    it('listing without a year lists the current local year', async () => {
      const c = await fa();
      clock.set('2026-12-31T21:00:00Z'); // already 1 January 2027 in Tehran
      try {
        const list = await service.listHolidays(c);
        expect(list.length).toBeGreaterThan(0);
        expect(list.every((h) => h.date.startsWith('2027-'))).toBe(true);
      } finally {
        clock.set('2026-01-03T06:30:00Z');
      }
    });

    it('evaluating a date of an unseeded year seeds it (fa: Nowruz; he: Yom Kippur; en: nothing)', async () => {
      const c = await fa();
      await service.update(c, { windows: ALL_DAY });
      expect(await service.verdict(c, new Date('2026-03-21T06:30:00Z'))).toMatchObject({
        allowed: false,
        reason: 'holiday',
        retryAfterSeconds: 900,
        version: 2,
        confirm: { localDate: '2026-03-21', holiday: true },
      });
      expect(await years(c)).toEqual([2026]);

      const he = await makeCompany(t.db, { locale: 'he' });
      expect(he.timezone).toBe('Asia/Jerusalem');
      await service.update(he, { windows: ALL_DAY });
      // 21 September 2026 10:00 in Jerusalem (+03:00).
      expect(await service.verdict(he, new Date('2026-09-21T07:00:00Z'))).toMatchObject({ reason: 'holiday' });
      expect(await service.verdict(he, new Date('2026-09-22T07:00:00Z'))).toMatchObject({ allowed: true });

      const en = await makeCompany(t.db, { locale: 'en' });
      await service.update(en, { windows: ALL_DAY });
      expect(await service.verdict(en, new Date('2026-12-25T12:00:00Z'))).toMatchObject({ allowed: true });
      expect(await years(en)).toEqual([2026]);
      expect(await service.listHolidays(en, 2026)).toEqual([]);
    });

    it('with skip_holidays off, evaluation neither seeds nor refuses', async () => {
      const c = await fa();
      await service.update(c, { skip_holidays: false, windows: ALL_DAY });
      expect(await service.verdict(c, new Date('2026-03-21T06:30:00Z'))).toMatchObject({ allowed: true });
      expect(await years(c)).toEqual([]);
    });

    it('the hot path is one query once the year is seeded', async () => {
      const c = await fa();
      await service.update(c, { windows: ALL_DAY });
      await service.verdict(c); // seeds 2026
      const q = counting(t.db);
      const counted = new ScheduleService(new ScheduleRepository(q.db), clock);
      expect(await counted.verdict(c)).toMatchObject({ allowed: true, version: 2 });
      expect(q.count()).toBe(1);
      // Asked for a cached verdict, the next evaluation on the same local date makes none,
      // and says what the caller must confirm; uncached, it queries again.
      expect(await counted.verdict(c, undefined, { cached: true })).toMatchObject({
        allowed: true,
        version: 2,
        fromMemory: true,
        confirm: { holiday: false },
      });
      expect(q.count()).toBe(1);
      await service.update(c, { enabled: false });
      expect(await counted.verdict(c)).toMatchObject({ allowed: false, reason: 'disabled', version: 3, fromMemory: false });
      expect(q.count()).toBe(2);
      // A new local date is loaded afresh even when a cached verdict is asked for.
      expect(await counted.verdict(c, new Date(clock.now().getTime() + 86_400_000), { cached: true })).toMatchObject({
        version: 3,
        fromMemory: false,
      });
      expect(q.count()).toBe(3);
    });

    it('concurrent first listings seed the year once', async () => {
      const c = await fa();
      const lists = await Promise.all(Array.from({ length: 5 }, () => service.listHolidays(c, 2027)));
      for (const l of lists) expect(l.map((h) => h.date)).toEqual(calendarHolidays('fa', 2027).map((h) => h.date));
      expect(await years(c)).toEqual([2027]);
    });

    it('add: 409 naming date when the date is a holiday (calendar or company), version + 1 otherwise', async () => {
      const c = await fa();
      const added = await service.addHoliday(c, { date: '2026-07-01', name: '  Company retreat ' });
      expect(added).toEqual({ date: '2026-07-01', name: 'Company retreat', source: 'company' });
      expect((await service.get(c)).config.version).toBe(2);
      await expect(service.addHoliday(c, { date: '2026-07-01', name: 'again' })).rejects.toMatchObject({
        code: 'CONFLICT',
        fields: { date: 'already a holiday' },
      });
      // A calendar date of a year nobody has asked about yet is taken as well.
      const nowruz2028 = calendarHolidays('fa', 2028).find((h) => h.name.includes('نوروز'))!.date;
      await expect(service.addHoliday(c, { date: nowruz2028, name: 'Nowruz?' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await service.get(c)).config.version).toBe(2);
      const list = await service.listHolidays(c, 2026);
      expect(list.find((h) => h.date === '2026-07-01')).toEqual(added);
    });

    it('delete: 404 naming date when there is none; version + 1 when there was', async () => {
      const c = await fa();
      await expect(service.deleteHoliday(c, '2026-07-02')).rejects.toMatchObject({ code: 'NOT_FOUND', fields: { date: 'not a holiday' } });
      await service.deleteHoliday(c, '2026-03-21');
      expect((await service.get(c)).config.version).toBe(2);
      await expect(service.deleteHoliday(c, '2026-03-21')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it("seeding keeps a company's own date that falls on a calendar holiday", async () => {
      const c = await fa();
      await repo.addHoliday(c.id, { date: '2030-03-21', name: 'Our Nowruz' });
      expect(await repo.seedYear(c.id, 2030, calendarHolidays('fa', 2030))).toBe(true);
      expect(await repo.seedYear(c.id, 2030, calendarHolidays('fa', 2030))).toBe(false);
      const list = await repo.listHolidays(c.id, '2030-01-01', '2030-12-31');
      expect(list.find((h) => h.date === '2030-03-21')).toEqual({ date: '2030-03-21', name: 'Our Nowruz', source: 'company' });
      expect(list.find((h) => h.date === '2030-03-22')?.source).toBe('calendar');
    });
  });

  describe('setDisabledByDialer', () => {
    it('bumps the version only when the value changes', async () => {
      const c = await fa();
      expect(await service.setDisabledByDialer(c.id, false)).toBe(1); // no row, no change
      expect((await service.get(c)).config).toMatchObject({ disabled_by_dialer: false, version: 1 });
      expect((await service.get(c)).config.updated_at.getTime()).toBe(c.created_at.getTime());
      expect(await service.setDisabledByDialer(c.id, true)).toBe(2);
      expect(await service.setDisabledByDialer(c.id, true)).toBe(2);
      expect((await service.verdict(c)).reason).toBe('disabled');
      expect(await service.setDisabledByDialer(c.id, false)).toBe(3);
      expect(await service.setDisabledByDialer(c.id, false)).toBe(3);
      expect((await service.get(c)).config).toMatchObject({ enabled: true, disabled_by_dialer: false, version: 3 });
    });

    it("joins the caller's transaction: a rollback undoes it", async () => {
      const c = await fa();
      await expect(
        t.db.transaction().execute(async (tx) => {
          expect(await service.setDisabledByDialer(c.id, true, tx)).toBe(2);
          throw new Error('report failed');
        }),
      ).rejects.toThrow('report failed');
      expect((await service.get(c)).config).toMatchObject({ disabled_by_dialer: false, version: 1 });
      await t.db.transaction().execute(async (tx) => {
        await service.setDisabledByDialer(c.id, true, tx);
      });
      expect((await service.get(c)).config).toMatchObject({ disabled_by_dialer: true, version: 2 });
    });

    it('an admin re-enabling keeps the dialer switch; the dialer switch keeps the admin flags', async () => {
      const c = await fa();
      await service.update(c, { enabled: false });
      expect(await service.setDisabledByDialer(c.id, true)).toBe(3);
      expect((await service.get(c)).config).toMatchObject({ enabled: false, disabled_by_dialer: true });
      await service.update(c, { enabled: true });
      expect((await service.verdict(c)).reason).toBe('disabled');
    });
  });

  it('isolates companies: windows, flags, versions and holidays', async () => {
    const a = await fa();
    const b = await fa();
    await service.update(a, { windows: ALL_DAY, skip_holidays: false });
    await service.setDisabledByDialer(a.id, true);
    await service.listHolidays(a, 2026);
    await service.deleteHoliday(a, '2026-03-21');
    await service.addHoliday(a, { date: '2026-07-01', name: 'A only' });

    const sb = await service.get(b);
    expect(sb.config).toMatchObject({ version: 1, disabled_by_dialer: false, skip_holidays: true });
    expect(sb.windows).toEqual([]);
    const hb = await service.listHolidays(b, 2026);
    expect(hb.map((h) => h.date)).toContain('2026-03-21');
    expect(hb.map((h) => h.date)).not.toContain('2026-07-01');
    await expect(service.deleteHoliday(b, '2026-07-01')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await repo.loadForEvaluation(b.id, '2026-07-01')).toMatchObject({ isHoliday: false, windows: [] });
    expect(await repo.loadForEvaluation(a.id, '2026-07-01')).toMatchObject({ isHoliday: true, yearSeeded: true });
    expect((await repo.listHolidays(a.id, '2026-01-01', '2026-12-31')).map((h) => h.date)).not.toContain('2026-03-21');
  });

  it('deleting a company removes its schedule rows', async () => {
    const c = await fa();
    await service.update(c, { windows: ALL_DAY });
    await service.listHolidays(c, 2026);
    await t.db.deleteFrom('companies').where('id', '=', c.id).execute();
    for (const table of ['schedule_configs', 'schedule_windows', 'company_holidays', 'company_holiday_years'] as const) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE company_id = ${c.id}`.execute(t.db);
      expect(r.rows[0]!.n, table).toBe(0);
    }
  });
});
