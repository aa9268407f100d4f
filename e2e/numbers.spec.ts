import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ROOT, chooseLanguage, login, logout, openNav, screenshot, unique } from './e2e-helpers';
import { fillDay, rangeEnd, segment } from './date-field-helpers';

/**
 * The pool of numbers is shared by every company, while statuses are per company:
 * each test makes its own company (so every number starts IN_QUEUE for it) and uses
 * its own operator prefix (so the numbers it adds are new to the pool).
 */

interface Tenant {
  slug: string;
  adminToken: string;
  admin: { username: string; password: string };
}

async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A fresh company (English, Iranian numbers) with one admin, and optionally one agent. */
async function createTenant(request: APIRequestContext, withAgent?: { username: string; password: string }): Promise<Tenant> {
  const rootToken = await apiLogin(request, ROOT.username, ROOT.password);
  const slug = unique('num');
  const company = await request.post('/api/companies', {
    headers: bearer(rootToken),
    data: {
      name: slug,
      display_name: `Numbers ${slug.slice(4)}`,
      locale: 'en',
      timezone: 'Asia/Tehran',
      default_region: 'IR',
      calendar: 'jalali',
    },
  });
  expect(company.status(), await company.text()).toBe(201);
  const { id: companyId } = (await company.json()) as { id: number };

  const admin = { username: unique('num-admin'), password: 'admin-pass-123' };
  const created = await request.post('/api/admins', {
    headers: bearer(rootToken),
    data: { ...admin, role: 'ADMIN', first_name: 'Nima', company_id: companyId },
  });
  expect(created.status(), await created.text()).toBe(201);
  if (withAgent) {
    const agent = await request.post('/api/admins', {
      headers: bearer(rootToken),
      data: { ...withAgent, role: 'AGENT', first_name: 'Ava', company_id: companyId },
    });
    expect(agent.status(), await agent.text()).toBe(201);
  }
  return { slug, admin, adminToken: await apiLogin(request, admin.username, admin.password) };
}

/** Seven digits that no other test of this run uses: "09" + operator + three random digits. */
function prefix(operator: '12' | '35' | '01' | '19'): string {
  return `09${operator}${100 + Math.floor(Math.random() * 900)}`;
}

function phones(base: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${base}${String(i).padStart(4, '0')}`);
}

async function addNumbers(request: APIRequestContext, token: string, numbers: string[]) {
  const response = await request.post('/api/numbers', { headers: bearer(token), data: { numbers } });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { added: number };
  expect(body.added).toBe(numbers.length);
}

async function bulk(request: APIRequestContext, token: string, data: Record<string, unknown>): Promise<number> {
  const response = await request.post('/api/numbers/bulk', { headers: bearer(token), data });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { affected: number }).affected;
}

async function count(request: APIRequestContext, token: string, query: Record<string, string>): Promise<number> {
  const response = await request.get('/api/numbers/stats', { headers: bearer(token), params: query });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { total: number }).total;
}

async function listPhones(
  request: APIRequestContext,
  token: string,
  query: Record<string, string | number>,
): Promise<{ id: number; phone_number: string; status: string }[]> {
  const response = await request.get('/api/numbers', { headers: bearer(token), params: query });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { items: { id: number; phone_number: string; status: string }[] }).items;
}

async function openNumbers(page: Page, tenant: Tenant) {
  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Numbers');
}

test('an admin uploads a CSV of 2,000 numbers with a real progress bar and sees what was added, repeated and refused', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request);
  const base = prefix('12');
  const valid = phones(base, 2000);
  // 30 repeated as they are, 20 repeated in the +98 form (the same number once normalised).
  const repeats = [...valid.slice(0, 30), ...valid.slice(100, 120).map((p) => `+98${p.slice(1)}`)];
  const invalid = ['not-a-phone', '12345', '0912', '0912345678901234', '09x21234567', '***'];
  const lines = [
    'phone',
    ...valid.slice(0, 700),
    invalid[0]!,
    ...valid.slice(700, 1400),
    invalid[1]!,
    invalid[2]!,
    ...repeats,
    ...valid.slice(1400),
    ...invalid.slice(3),
  ];
  const csvPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-upload-')), 'numbers.csv');
  fs.writeFileSync(csvPath, lines.join('\n') + '\n');
  // CSV line numbers count the header as line 1.
  const lineOf = (value: string) => lines.indexOf(value) + 1;

  await openNumbers(page, tenant);
  await page.getByRole('button', { name: 'Upload file' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Upload numbers' });
  await dialog.getByLabel('File').setInputFiles(csvPath);
  await expect(dialog).toContainText('numbers.csv');

  // Slow the upload down (DevTools network throttling) so the bar has time to move.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 12 * 1024 });

  await dialog.getByRole('button', { name: 'Upload' }).click();
  const bar = dialog.getByRole('progressbar', { name: 'Upload progress' });
  await expect(bar).toBeVisible();
  // A real percentage, somewhere between the start and the end.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
  await screenshot(page, 'n-01-upload-progress');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const summary = dialog.getByTestId('import-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('import-added')).toContainText('2,000');
  await expect(dialog.getByTestId('import-duplicates')).toContainText('50');
  await expect(dialog.getByTestId('import-invalid')).toContainText(String(invalid.length));
  const errors = dialog.getByRole('table', { name: 'Invalid values' });
  await expect(errors.getByRole('row')).toHaveCount(invalid.length + 1);
  for (const value of invalid) {
    const row = errors.getByRole('row').filter({ hasText: value });
    await expect(row.first()).toBeVisible();
    await expect(row.first().getByRole('cell').first()).toHaveText(lineOf(value).toLocaleString('en-US'));
  }
  await expect(errors.getByRole('row').filter({ hasText: 'not-a-phone' })).toContainText('Contains letters');
  await screenshot(page, 'n-02-upload-summary', { fullPage: false });

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  // A file that is not what its name says is refused whole, with a clear message (422).
  const brokenPath = path.join(path.dirname(csvPath), 'broken.xlsx');
  fs.writeFileSync(brokenPath, 'this is not a spreadsheet\n');
  await page.getByRole('button', { name: 'Upload file' }).first().click();
  await dialog.getByLabel('File').setInputFiles(brokenPath);
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The file could not be read. Nothing was imported.');
  await screenshot(page, 'n-02b-upload-unreadable', { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The list now has them: searching the prefix counts exactly the 2,000 new numbers.
  await page.getByRole('searchbox', { name: 'Search by phone' }).fill(base);
  await expect(page.getByText('1–50 of 2,000')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`search=${base}`));
  await screenshot(page, 'n-03-list-after-upload', { fullPage: false });
});

test('select all N matching, uncheck two, and change the status of exactly N-2 numbers', async ({ page, request }) => {
  const tenant = await createTenant(request);
  const base = prefix('35');
  await addNumbers(request, tenant.adminToken, phones(base, 130));
  // 110 MISSED and 20 POWER_OFF for this company.
  expect(await bulk(request, tenant.adminToken, { action: 'update_status', status: 'MISSED', select_all: true, search: base })).toBe(130);
  const tail = await listPhones(request, tenant.adminToken, { search: base, sort_by: 'id', sort_order: 'desc', limit: 20 });
  expect(await bulk(request, tenant.adminToken, { action: 'update_status', status: 'POWER_OFF', ids: tail.map((n) => n.id) })).toBe(20);
  const n = 110;

  await openNumbers(page, tenant);
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('MISSED');
  await expect(page).toHaveURL(/status=MISSED/);
  await expect(page.getByText(`1–50 of ${n}`)).toBeVisible();

  // React Aria's checkbox input is visually hidden under its drawn box, which takes the click.
  await page.getByRole('checkbox', { name: 'Select all numbers on this page' }).check({ force: true });
  await expect(page.getByText('All 50 numbers on this page are selected.')).toBeVisible();
  await page.getByRole('button', { name: `Select all ${n} matching` }).click();
  await expect(page.getByText(`All ${n} matching numbers are selected.`)).toBeVisible();
  await expect(page.getByTestId('selected-count')).toHaveText(`${n} selected`);

  // Uncheck the first two rows: they become the excluded ids.
  const rows = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: /^Select 09/ }) });
  const excludedPhones: string[] = [];
  for (const i of [0, 1]) {
    const box = rows.nth(i).getByRole('checkbox', { name: /^Select 09/ });
    const label = (await box.getAttribute('aria-label')) ?? '';
    excludedPhones.push(label.replace('Select ', ''));
    await box.uncheck({ force: true });
  }
  await expect(page.getByText(`${n - 2} of ${n} matching numbers are selected (2 unchecked).`)).toBeVisible();
  await expect(page.getByTestId('selected-count')).toHaveText(`${n - 2} selected`);
  await screenshot(page, 'n-04-select-all-matching', { fullPage: false });

  await page.getByRole('combobox', { name: 'Change the status of the selected numbers' }).selectOption('BUSY');
  const confirm = page.getByRole('alertdialog', { name: `Change the status of ${n - 2} numbers to Busy?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'n-05-bulk-confirm', { fullPage: false });
  await confirm.getByRole('button', { name: 'Change status' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`The status of ${n - 2} numbers was changed.`)).toBeVisible();

  // The list (still filtered by MISSED) holds just the two unchecked numbers, and nothing is selected.
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await expect(page.getByTestId('selected-count')).toHaveCount(0);
  for (const phone of excludedPhones) await expect(page.getByRole('row', { name: new RegExp(phone) })).toContainText('Missed');
  await screenshot(page, 'n-06-after-bulk');

  // And the server agrees: exactly N-2 became BUSY, the two excluded did not, POWER_OFF untouched.
  expect(await count(request, tenant.adminToken, { status: 'BUSY' })).toBe(n - 2);
  expect(await count(request, tenant.adminToken, { status: 'POWER_OFF' })).toBe(20);
  const missed = await listPhones(request, tenant.adminToken, { status: 'MISSED' });
  expect(missed.map((m) => m.phone_number).sort()).toEqual([...excludedPhones].sort());

  // Back steps to the unfiltered list; the selection was reset with the filter.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=MISSED/);

  // A superuser looks at the pool through this company's eyes with the company selector.
  await logout(page);
  await login(page, ROOT.username, ROOT.password);
  await openNav(page, 'Numbers');
  await page.getByRole('combobox', { name: 'Company' }).selectOption(tenant.slug);
  await expect(page).toHaveURL(new RegExp(`company=${tenant.slug}`));
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('BUSY');
  await expect(page.getByText(`1–50 of ${n - 2}`)).toBeVisible();
  // Superusers may set any status, final ones included.
  await expect(
    page
      .getByRole('combobox', { name: /^Change the status of 09/ })
      .first()
      .locator('option', { hasText: /^Connected$/ }),
  ).toHaveCount(1);
});

test('export the current filter streams an XLSX with the right header and rows', async ({ page, request }) => {
  const tenant = await createTenant(request);
  const base = prefix('01');
  await addNumbers(request, tenant.adminToken, phones(base, 75));
  const first = await listPhones(request, tenant.adminToken, { search: base, sort_by: 'id', sort_order: 'asc', limit: 30 });
  expect(await bulk(request, tenant.adminToken, { action: 'update_status', status: 'BUSY', ids: first.map((n) => n.id) })).toBe(30);

  await openNumbers(page, tenant);
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('BUSY');
  await expect(page.getByText('1–30 of 30')).toBeVisible();

  // A slow download shows its progress, and Cancel stops it: nothing is saved.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, uploadThroughput: -1, downloadThroughput: 1024 });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export all (30)' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export numbers' });
  await expect(exportDialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(exportDialog).toContainText('30 rows');
  await expect(exportDialog).toContainText(/[1-9][\d.]* (kB|byte)/);
  await screenshot(page, 'n-07a-export-progress', { fullPage: false });
  await exportDialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(exportDialog).toBeHidden();
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, uploadThroughput: -1, downloadThroughput: -1 });
  expect(downloads).toBe(0);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (30)' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^numbers-.*\.xlsx$/);
  await expect(page.getByText(/^Exported 30 numbers to /)).toBeVisible();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-export-')), download.suggestedFilename());
  await download.saveAs(file);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual([
    'ID',
    'Phone',
    'Status',
    'Attempts',
    'Last Attempt',
    'Last Status Change',
    'Agent Name',
    'Agent Phone',
    'User Message',
  ]);
  const dataRows: unknown[][] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) dataRows.push((row.values as unknown[]).slice(1));
  });
  expect(dataRows).toHaveLength(30);
  expect(new Set(dataRows.map((r) => r[2]))).toEqual(new Set(['BUSY']));
  expect(dataRows.map((r) => String(r[1])).sort()).toEqual(first.map((n) => n.phone_number).sort());

  // Exporting a selection sends only those ids.
  // By keyboard: the rows at the foot of the page sit under the export's notice.
  for (const number of first.slice(0, 2)) {
    const box = page.getByRole('checkbox', { name: `Select ${number.phone_number}` });
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  const selectedDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (2)' }).click();
  const selectedFile = path.join(path.dirname(file), 'selected.xlsx');
  await (await selectedDownload).saveAs(selectedFile);
  const selectedBook = new ExcelJS.Workbook();
  await selectedBook.xlsx.readFile(selectedFile);
  expect(selectedBook.worksheets[0]!.rowCount).toBe(3);

  // The same page in Persian: RTL, Persian digits, Jalali readings of the chosen dates.
  await page.getByRole('button', { name: 'Clear selection' }).first().click();
  // Notices stay in the language they were given in; clear them before switching.
  const notices = page.getByRole('button', { name: 'Dismiss notification' });
  while ((await notices.count()) > 0) await notices.first().click();
  await chooseLanguage(page, 'fa');
  await expect(page.getByRole('heading', { level: 1, name: 'شماره‌ها' })).toBeVisible();
  await expect(page.getByText('۱–۳۰ از ۳۰')).toBeVisible();
  await screenshot(page, 'n-07-list-fa', { fullPage: false });
  // A Jalali company: the range is typed in Jalali days, the API is asked for Gregorian ones.
  const range = page.getByTestId('date-range-field');
  await expect(range).toHaveAttribute('data-calendar', 'persian');
  await expect(range.getByRole('spinbutton', { name: 'سال, از, آخرین تلاش' })).toBeVisible();
  await fillDay(rangeEnd(range, 'start'), { year: 1404, month: 1, day: 1 });
  await fillDay(rangeEnd(range, 'end'), { year: 1404, month: 6, day: 23 });
  await expect(page).toHaveURL(/start_date=2025-03-21/);
  await expect(page).toHaveURL(/end_date=2025-09-14/);
  await expect(segment(rangeEnd(range, 'start'), 'day')).toHaveText('۰۱');
  await expect(segment(rangeEnd(range, 'end'), 'month')).toHaveText('۰۶');
  // Manual status changes are not attempts: nothing was attempted in that range.
  await expect(page.getByText('هیچ شماره‌ای با این فیلترها مطابقت ندارد')).toBeVisible();
  await screenshot(page, 'n-08-filtered-empty-fa');
  await page.getByRole('button', { name: 'پاک کردن فیلترها' }).first().click();
  await expect(page).not.toHaveURL(/start_date/);
  await chooseLanguage(page, 'en');
});

test('row actions follow the status rules: final statuses are locked for an admin, others change, reset and delete', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request);
  const base = prefix('19');
  await addNumbers(request, tenant.adminToken, phones(base, 3));
  const [locked, changing, removing] = await listPhones(request, tenant.adminToken, { search: base, sort_by: 'id', sort_order: 'asc' });
  // Only a superuser sets a final status; root does it for this company through company=<slug>.
  const rootToken = await apiLogin(request, ROOT.username, ROOT.password);
  const put = await request.put(`/api/numbers/${locked!.id}/status`, {
    headers: bearer(rootToken),
    params: { company: tenant.slug },
    data: { status: 'CONNECTED' },
  });
  expect(put.ok(), await put.text()).toBe(true);

  await openNumbers(page, tenant);
  await page.getByRole('searchbox', { name: 'Search by phone' }).fill(base);
  await expect(page.getByText('1–3 of 3')).toBeVisible();

  const lockedRow = page.getByRole('row', { name: new RegExp(locked!.phone_number) });
  await expect(lockedRow).toContainText('Connected');
  await expect(lockedRow.getByRole('combobox', { name: `Change the status of ${locked!.phone_number}` })).toBeDisabled();
  await expect(lockedRow.getByRole('button', { name: `Delete ${locked!.phone_number}` })).toBeDisabled();
  await expect(lockedRow.locator('[title^="Connected is a final status"]').first()).toBeVisible();
  // Admins may set only the mutable statuses.
  const select = page
    .getByRole('row', { name: new RegExp(changing!.phone_number) })
    .getByRole('combobox', { name: `Change the status of ${changing!.phone_number}` });
  await expect(select.locator('option:not([disabled])')).toHaveText(['Missed', 'Busy', 'Powered off', 'Banned']);
  await select.selectOption('BANNED');
  await expect(page.getByText(`${changing!.phone_number} is now Banned.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(changing!.phone_number) })).toContainText('Banned');
  await screenshot(page, 'n-09-row-actions');

  await page.getByRole('button', { name: `Reset ${changing!.phone_number}` }).click();
  const resetConfirm = page.getByRole('alertdialog', { name: 'Reset this number?' });
  await resetConfirm.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByText(`${changing!.phone_number} was reset.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(changing!.phone_number) })).toContainText('In queue');

  await page.getByRole('button', { name: `Delete ${removing!.phone_number}` }).click();
  const deleteConfirm = page.getByRole('alertdialog', { name: 'Delete this number?' });
  await expect(deleteConfirm).toContainText(removing!.phone_number);
  await deleteConfirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`${removing!.phone_number} was deleted.`)).toBeVisible();
  await expect(page.getByText('1–2 of 2')).toBeVisible();
});

test('an agent sees the numbers page without admin actions, and an empty state', async ({ page, request }) => {
  const agent = { username: unique('num-agent'), password: 'agent-pass-123' };
  await createTenant(request, agent);

  await login(page, agent.username, agent.password);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link')).toHaveText(['Home', 'Numbers', 'Lines', 'Profile']);
  await openNav(page, 'Numbers');
  await expect(page.getByText('Numbers whose latest call named you.')).toBeVisible();
  await expect(page.getByText('No numbers for you yet')).toBeVisible();
  for (const name of ['Add numbers', 'Upload file', /^Export/]) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Agent' })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Status', exact: true })).toBeVisible();
  await screenshot(page, 'n-10-agent-empty');

  // A filter that matches nothing offers to clear it.
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('BUSY');
  await expect(page.getByText('No numbers match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByText('No numbers for you yet')).toBeVisible();
});
