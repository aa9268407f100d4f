import { expect, test } from '@playwright/test';
import { ROOT, chooseLanguage, login, openNav, screenshot } from './e2e-helpers';
import { dateField, expectTime, fillIsoDate, fillTime, segment } from './date-field-helpers';
import { bearer, createTenant, fullScreenshot } from './tenant-helpers';

test('an admin edits the weekly windows: a window that ends before it starts is refused, the fixed week is saved as a new version', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request, { prefix: 'sched' });
  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Schedule');

  const version = page.getByTestId('schedule-version');
  await expect(version).toHaveText('Version 1');
  const days = page.getByTestId('schedule-day');
  await expect(days).toHaveCount(7);
  // English weeks start on Monday (API day 2; the API counts from Saturday = 0).
  await expect(days.first().getByRole('heading')).toHaveText('Monday');
  await expect(days.first()).toHaveAttribute('data-day', '2');
  await expect(days.last().getByRole('heading')).toHaveText('Sunday');

  const monday = page.getByRole('group', { name: 'Monday', exact: true });
  await monday.getByRole('button', { name: 'Add a window on Monday' }).click();
  await monday.getByRole('button', { name: 'Add a window on Monday' }).click();
  await expect(monday.getByTestId('schedule-window')).toHaveCount(2);
  // The first window of an empty day is office hours, the next one follows it.
  await expectTime(dateField(monday, 'Monday, window 1, from'), '09:00');
  await expectTime(dateField(monday, 'Monday, window 1, to'), '17:00');
  await expectTime(dateField(monday, 'Monday, window 2, from'), '17:00');

  // Ends before it starts: the window says so, in place, and nothing is sent.
  await fillTime(dateField(monday, 'Monday, window 2, from'), '19:00');
  await fillTime(dateField(monday, 'Monday, window 2, to'), '18:00');
  await segment(dateField(monday, 'Monday, window 2, to'), 'minute').blur();
  const secondWindow = monday.getByRole('group', { name: 'Monday, window 2' });
  await expect(secondWindow.getByText('The end must be after the start.')).toBeVisible();
  await expect(segment(dateField(monday, 'Monday, window 2, to'), 'hour')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Correct the highlighted window before saving.')).toBeVisible();
  await expect(segment(dateField(monday, 'Monday, window 2, to'), 'hour')).toBeFocused();
  await expect(version).toHaveText('Version 1');
  await fullScreenshot(page, 's-01-window-error');

  // Fixed, saved, and the version moves on.
  await fillTime(dateField(monday, 'Monday, window 2, from'), '18:00');
  await fillTime(dateField(monday, 'Monday, window 2, to'), '20:00');
  await expect(secondWindow.getByText('The end must be after the start.')).toBeHidden();
  await expect(page.getByText('You have unsaved changes.')).toBeVisible();
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('The schedule was saved (version 2).')).toBeVisible();
  await expect(version).toHaveText('Version 2');
  await expect(page.getByRole('button', { name: 'Save schedule' })).toBeDisabled();

  // What the API stored: day 2 (Monday) in the Persian numbering.
  const stored = await request.get('/api/schedule', { headers: bearer(tenant.adminToken) });
  const body = (await stored.json()) as {
    config: { version: number };
    windows: { day_of_week: number; start_time: string; end_time: string }[];
  };
  expect(body.config.version).toBe(2);
  expect(body.windows.map((w) => [w.day_of_week, w.start_time.slice(0, 5), w.end_time.slice(0, 5)])).toEqual([
    [2, '09:00', '17:00'],
    [2, '18:00', '20:00'],
  ]);

  await page.reload();
  await expect(version).toHaveText('Version 2');
  await expect(monday.getByTestId('schedule-window')).toHaveCount(2);
  await expectTime(dateField(monday, 'Monday, window 1, from'), '09:00');
  await expectTime(dateField(monday, 'Monday, window 1, to'), '17:00');
  await expectTime(dateField(monday, 'Monday, window 2, from'), '18:00');
  await expectTime(dateField(monday, 'Monday, window 2, to'), '20:00');
  for (const other of ['Tuesday', 'Saturday', 'Sunday']) {
    await expect(page.getByRole('group', { name: other, exact: true }).getByTestId('schedule-window')).toHaveCount(0);
  }
  await fullScreenshot(page, 's-02-saved-en');

  // The Persian week starts on Saturday; Monday's windows are still Monday's (the third column).
  await chooseLanguage(page, 'fa');
  await expect(page.getByRole('heading', { level: 1, name: 'زمان‌بندی' })).toBeVisible();
  await expect(days.first().getByRole('heading')).toHaveText('شنبه');
  await expect(days.first()).toHaveAttribute('data-day', '0');
  await expect(days.nth(2).getByRole('heading')).toHaveText('دوشنبه');
  await expect(days.nth(2).getByTestId('schedule-window')).toHaveCount(2);
  await expect(version).toHaveText('نسخه ۲');
  await fullScreenshot(page, 's-03-week-fa');

  // Hebrew weeks start on Sunday.
  await chooseLanguage(page, 'he');
  await expect(days.first().getByRole('heading')).toHaveText('יום ראשון');
  await expect(days.nth(1).getByTestId('schedule-window')).toHaveCount(2);
  await screenshot(page, 's-04-week-he', { fullPage: false });

  // "Copy to all days" fills the week from one day; discarding brings back what is saved.
  await chooseLanguage(page, 'en');
  await monday.getByRole('button', { name: 'Copy the windows of Monday to every day' }).click();
  for (const other of ['Tuesday', 'Friday', 'Saturday', 'Sunday']) {
    await expect(page.getByRole('group', { name: other, exact: true }).getByTestId('schedule-window')).toHaveCount(2);
  }
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('group', { name: 'Friday', exact: true }).getByTestId('schedule-window')).toHaveCount(0);
});

test('an admin adds a company holiday, is told when the date is taken, and deletes it after confirming', async ({ page, request }) => {
  // A Persian company: its list holds the Iranian calendar's holidays too.
  const tenant = await createTenant(request, { prefix: 'hol', locale: 'fa' });
  const year = new Date().getFullYear();
  const holidays = async () => {
    const response = await request.get('/api/schedule/holidays', { headers: bearer(tenant.adminToken), params: { year } });
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { items: { date: string; name: string; source: string }[] }).items;
  };
  const taken = new Set((await holidays()).map((h) => h.date));
  // A day of this year that is no holiday yet (mid-year, then onwards).
  let date = '';
  for (let day = new Date(Date.UTC(year, 6, 1)); !date; day = new Date(day.getTime() + 86_400_000)) {
    const iso = day.toISOString().slice(0, 10);
    if (!taken.has(iso)) date = iso;
  }
  const name = `Founders day ${Date.now().toString(36)}`;

  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Schedule');
  const card = page.getByRole('region', { name: 'Holidays' });
  await expect(card.getByRole('combobox', { name: 'Year' })).toHaveValue(String(year));
  const table = card.getByRole('table');
  if (taken.size > 0) await expect(table.getByRole('row')).toHaveCount(taken.size + 1);

  await card.getByRole('button', { name: 'Add holiday' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a company holiday' });
  await fillIsoDate(dateField(dialog, 'Date'), date);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add holiday' }).click();
  await expect(dialog).toBeHidden();
  const row = table.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Company');
  await expect(page.getByText(new RegExp(`^${name} \\(.+\\) was added as a holiday\\.$`))).toBeVisible();
  expect((await holidays()).find((h) => h.date === date)).toMatchObject({ name, source: 'company' });

  // The same date again: 409, shown on the date field.
  await card.getByRole('button', { name: 'Add holiday' }).click();
  await fillIsoDate(dateField(dialog, 'Date'), date);
  await dialog.getByLabel('Name').fill('Twice');
  await dialog.getByRole('button', { name: 'Add holiday' }).click();
  await expect(dialog.getByText('This date is already a holiday.')).toBeVisible();
  await expect(segment(dateField(dialog, 'Date'), 'month')).toHaveAttribute('aria-invalid', 'true');
  // The dialog moves focus to the field in error (its first segment: the month in English).
  await expect(segment(dateField(dialog, 'Date'), 'month')).toBeFocused();
  await screenshot(page, 's-05-holiday-taken', { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await fullScreenshot(page, 's-06-holidays-en');

  // In Persian the dates are Jalali, with Persian digits.
  await chooseLanguage(page, 'fa');
  const faRow = page.getByRole('row', { name: new RegExp(name) });
  await expect(faRow).toContainText('شرکت');
  await expect(faRow.getByRole('cell').first()).toHaveText(
    /[۰-۹]+ (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}/,
  );
  await fullScreenshot(page, 's-07-holidays-fa');
  // In Hebrew the Hebrew-calendar date stands beside the Gregorian one.
  await chooseLanguage(page, 'he');
  await expect(
    page
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('cell')
      .first(),
  ).toContainText('·');
  await screenshot(page, 's-08-holidays-he', { fullPage: false });
  await chooseLanguage(page, 'en');

  // Delete asks first, naming the holiday; Cancel keeps it.
  await row.getByRole('button', { name: new RegExp(`^Delete the holiday ${name}`) }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this holiday?' });
  await expect(confirm).toContainText(name);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 's-09-holiday-delete-confirm', { fullPage: false });
  await confirm.getByRole('button', { name: 'Delete holiday' }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  await expect(page.getByText(new RegExp(`^${name} \\(.+\\) is no longer a holiday\\.$`))).toBeVisible();
  expect((await holidays()).some((h) => h.date === date)).toBe(false);
});

test('a superuser picks another company and sees and saves that company’s schedule', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'schsu' });
  const saved = await request.put('/api/schedule', {
    headers: bearer(tenant.adminToken),
    data: { windows: [{ day_of_week: 6, start_time: '10:00', end_time: '14:00' }] },
  });
  expect(saved.ok(), await saved.text()).toBe(true);

  await login(page, ROOT.username, ROOT.password);
  await openNav(page, 'Schedule');
  await page.getByRole('combobox', { name: 'Company' }).selectOption(tenant.slug);
  await expect(page).toHaveURL(new RegExp(`company=${tenant.slug}`));
  await expect(page.getByText(`When the dialer may call for ${tenant.displayName}.`, { exact: false })).toBeVisible();
  const friday = page.getByRole('group', { name: 'Friday', exact: true });
  await expectTime(dateField(friday, 'Friday, window 1, from'), '10:00');
  await expect(page.getByTestId('schedule-version')).toHaveText('Version 2');

  await fillTime(dateField(friday, 'Friday, window 1, to'), '15:00');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByTestId('schedule-version')).toHaveText('Version 3');
  const stored = (await (await request.get('/api/schedule', { headers: bearer(tenant.adminToken) })).json()) as {
    windows: { end_time: string }[];
  };
  expect(stored.windows.map((w) => w.end_time.slice(0, 5))).toEqual(['15:00']);
});
