import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { chooseLanguage, login, openNav, screenshot } from './e2e-helpers';
import { dateField, expectTime, fillDay, fillIsoDate, rangeEnd, segment } from './date-field-helpers';
import { bearer, createTenant } from './tenant-helpers';

const DAY = 86_400_000;
const JALALI = new Intl.DateTimeFormat('en-US-u-ca-persian', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });

/** The Jalali year, month and day of a UTC day (Intl's own conversion, not the app's). */
function jalaliOf(day: Date): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(JALALI.formatToParts(day).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

const iso = (day: Date) => day.toISOString().slice(0, 10);

/** The first day of the Jalali month before this one, as a UTC midnight. */
function firstOfPreviousJalaliMonth(): Date {
  const today = new Date(`${iso(new Date())}T00:00:00Z`);
  let day = today;
  while (jalaliOf(day).month === jalaliOf(today).month) day = new Date(day.getTime() - DAY);
  while (jalaliOf(day).day > 1) day = new Date(day.getTime() - DAY);
  return day;
}

function freshPhone(): string {
  return `0937${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** One number per day, each with one call result at noon in Tehran on that day. */
async function numbersCalledOn(request: APIRequestContext, adminToken: string, days: Date[]): Promise<string[]> {
  const phones = days.map(() => freshPhone());
  const added = await request.post('/api/numbers', { headers: bearer(adminToken), data: { numbers: phones } });
  expect(added.ok(), await added.text()).toBe(true);
  const token = await request.post('/api/dialer/tokens', { headers: bearer(adminToken), data: { name: 'Date spec' } });
  expect(token.status(), await token.text()).toBe(201);
  const dialer = { Authorization: `Bearer ${((await token.json()) as { token: string }).token}` };
  const results = days.map((day, i) => ({
    phone_number: phones[i],
    status: 'MISSED',
    attempted_at: `${iso(day)}T12:00:00+03:30`,
    report_id: `date-spec-${phones[i]}`,
  }));
  const reported = await request.post('/api/dialer/report-results', { headers: dialer, data: { results } });
  expect(reported.ok(), await reported.text()).toBe(true);
  return phones;
}

/**
 * Waits until the unfiltered list shows all of `phones`. The pool is shared, so the list
 * also holds every number earlier specs added: only a filtered list has a known length.
 */
async function expectListed(page: Page, phones: string[]): Promise<void> {
  await expect.poll(async () => (await listedPhones(page)).filter((p) => phones.includes(p)).sort()).toEqual([...phones].sort());
}

/** The phone numbers the Numbers table lists now. */
async function listedPhones(page: Page): Promise<string[]> {
  const texts = await page.getByRole('table').getByRole('row').allTextContents();
  // A row names its number more than once (the cell, its controls' labels).
  return [...new Set(texts.flatMap((t) => t.match(/09\d{9}/g) ?? []))].sort();
}

test('a range picked on the Jalali calendar in Persian lists the same numbers as the same range typed in English', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request, { prefix: 'datef', locale: 'fa' });
  const first = firstOfPreviousJalaliMonth();
  const at = (offset: number) => new Date(first.getTime() + offset * DAY);
  // The day before the month, its 1st, 5th and 10th, and the 11th.
  const phones = await numbersCalledOn(request, tenant.adminToken, [at(-1), at(0), at(4), at(9), at(10)]);
  const inside = [phones[1]!, phones[2]!, phones[3]!].sort();

  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Numbers');
  await chooseLanguage(page, 'fa');
  await expectListed(page, phones);

  // The Jalali month grid: a week from Saturday, Persian digits; one month back, then the 1st and the 10th.
  const range = page.getByTestId('date-range-field');
  await expect(range).toHaveAttribute('data-calendar', 'persian');
  await range.getByRole('button', { name: 'باز کردن تقویم آخرین تلاش' }).click();
  const calendar = page.getByRole('dialog', { name: 'آخرین تلاش' });
  // (The weekday row is hidden from screen readers: each day's own name says its weekday.)
  await expect(calendar.locator('thead th').first()).toHaveText('ش');
  await calendar.getByRole('button', { name: 'ماه قبل' }).click();
  const month = jalaliOf(first);
  const monthName = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { month: 'long', timeZone: 'UTC' }).format(first);
  await expect(calendar.getByRole('heading')).toContainText(monthName);
  await expect(calendar.getByRole('heading')).toContainText(new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(month.year));
  const cell = (n: number) =>
    calendar
      .getByRole('gridcell')
      .locator(':scope > [role="button"]:not([data-outside-month])')
      .filter({ hasText: new RegExp(`^${new Intl.NumberFormat('fa-IR').format(n)}$`) });
  await cell(1).click();
  await cell(10).click();
  await expect(calendar).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`start_date=${iso(at(0))}`));
  await expect(page).toHaveURL(new RegExp(`end_date=${iso(at(9))}`));
  await expect(page.getByTestId('date-range-field').locator('[data-type="day"]').nth(1)).toHaveText('۱۰');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
  expect(await listedPhones(page)).toEqual(inside);
  await screenshot(page, 'd-01-jalali-range-fa', { fullPage: false });

  // The same days typed in English, on the Gregorian calendar, list the same numbers.
  await page.getByRole('button', { name: 'پاک کردن فیلترها' }).first().click();
  await expect(page).not.toHaveURL(/start_date/);
  await chooseLanguage(page, 'en');
  await expect(range).toHaveAttribute('data-calendar', 'gregory');
  await expectListed(page, phones);
  await fillIsoDate(rangeEnd(range, 'start'), iso(at(0)));
  await fillIsoDate(rangeEnd(range, 'end'), iso(at(9)));
  await expect(page).toHaveURL(new RegExp(`end_date=${iso(at(9))}`));
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
  expect(await listedPhones(page)).toEqual(inside);
});

test('in Hebrew a Gregorian date field shows the Hebrew date beside it', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'dateh', locale: 'he' });
  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Numbers');
  await chooseLanguage(page, 'he');
  const range = page.getByTestId('date-range-field');
  await expect(range).toHaveAttribute('data-calendar', 'gregory');
  // The Hebrew order is day, month, year; the helper types each segment by its kind.
  await fillIsoDate(rangeEnd(range, 'start'), '2025-03-21');
  await fillIsoDate(rangeEnd(range, 'end'), '2025-09-14');
  await expect(page).toHaveURL(/start_date=2025-03-21/);
  await expect(range.getByTestId('secondary-date')).toHaveText('21 באדר 5785 – 21 באלול 5785');
  await screenshot(page, 'd-02-hebrew-beside-he', { fullPage: false });
});

test('a schedule window is added and changed with the keyboard alone', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'datek' });
  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Schedule');
  const tuesday = page.getByRole('group', { name: 'Tuesday', exact: true });

  await tuesday.getByRole('button', { name: 'Add a window on Tuesday' }).focus();
  await page.keyboard.press('Enter');
  const from = dateField(tuesday, 'Tuesday, window 1, from');
  const to = dateField(tuesday, 'Tuesday, window 1, to');
  await expectTime(from, '09:00');

  // Tab walks the segments: from's hour, from's minute, to's hour.
  await segment(from, 'hour').focus();
  await page.keyboard.press('ArrowUp');
  await expectTime(from, '10:00');
  await page.keyboard.press('Tab');
  await expect(segment(from, 'minute')).toBeFocused();
  await page.keyboard.type('30');
  await expectTime(from, '10:30');
  await page.keyboard.press('Tab');
  await expect(segment(to, 'hour')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expectTime(to, '16:00');

  await page.getByRole('button', { name: 'Save schedule' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('schedule-version')).toHaveText('Version 2');
  const stored = (await (await request.get('/api/schedule', { headers: bearer(tenant.adminToken) })).json()) as {
    windows: { day_of_week: number; start_time: string; end_time: string }[];
  };
  expect(stored.windows.map((w) => [w.day_of_week, w.start_time.slice(0, 5), w.end_time.slice(0, 5)])).toEqual([[3, '10:30', '16:00']]);

  // In Persian the arrows step the same segments, and the times are written in Persian digits.
  await chooseLanguage(page, 'fa');
  const faFrom = dateField(page.getByRole('group', { name: 'سه‌شنبه', exact: true }), 'سه‌شنبه، بازه ۱، از');
  await expect(segment(faFrom, 'hour')).toHaveText('۱۰');
  await segment(faFrom, 'hour').focus();
  await page.keyboard.press('ArrowUp');
  await expectTime(faFrom, '11:30');
  await expect(segment(faFrom, 'hour')).toHaveText('۱۱');
});

test('a Hebrew-calendar company enters a holiday on the Hebrew calendar and the API stores the Gregorian day', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request, { prefix: 'dateheb', locale: 'he', calendar: 'hebrew' });
  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Schedule');
  const card = page.getByRole('region', { name: 'Holidays' });
  // The year picker leads with the company calendar's years.
  await expect(card.getByRole('combobox', { name: 'Year' }).locator('option:checked')).toHaveText(/^5786–5787/);

  await card.getByRole('button', { name: 'Add holiday' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a company holiday' });
  const date = dateField(dialog, 'Date');
  await expect(dialog.locator('[data-calendar]')).toHaveAttribute('data-calendar', 'hebrew');
  // 10 Heshvan 5787 (Heshvan is the second month, counted from Tishrei) is 21 October 2026.
  await fillDay(date, { year: 5787, month: 2, day: 10 });
  await expect(segment(date, 'month')).toHaveText(/Heshvan|חשון|2/);
  await dialog.getByLabel('Name').fill('Company retreat');
  await dialog.getByRole('button', { name: 'Add holiday' }).click();
  await expect(dialog).toBeHidden();
  const listed = await request.get('/api/schedule/holidays', { headers: bearer(tenant.adminToken), params: { year: 2026 } });
  const items = ((await listed.json()) as { items: { date: string; name: string; source: string }[] }).items;
  expect(items.find((h) => h.name === 'Company retreat')).toMatchObject({ date: '2026-10-21', source: 'company' });
  await screenshot(page, 'd-03-hebrew-calendar-holiday', { fullPage: false });
});
