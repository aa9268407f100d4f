import { expect, test, type APIRequestContext } from '@playwright/test';
import { chooseLanguage, login, openNav, screenshot } from './e2e-helpers';
import { bearer, createTenant } from './tenant-helpers';

/** A number no other test of this run uses (the pool is shared by every company). */
function freshPhone(): string {
  return `0936${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

async function dialerToken(request: APIRequestContext, adminToken: string): Promise<string> {
  const response = await request.post('/api/dialer/tokens', { headers: bearer(adminToken), data: { name: 'History spec dialer' } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

test('a row click opens the number’s detail: both statuses and every call result, newest first, with transcript, summary and recording, page by page', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request, { prefix: 'hist' });
  const phone = freshPhone();
  const added = await request.post('/api/numbers', { headers: bearer(tenant.adminToken), data: { numbers: [phone] } });
  expect(added.ok(), await added.text()).toBe(true);
  const dialer = { Authorization: `Bearer ${await dialerToken(request, tenant.adminToken)}` };

  // 21 unanswered attempts, one an hour, then the answered call the dialer transcribed.
  const start = Date.now() - 30 * 3_600_000;
  const missed = Array.from({ length: 21 }, (_, i) => ({
    phone_number: phone,
    status: 'MISSED',
    reason: 'no_answer',
    attempted_at: new Date(start + i * 3_600_000).toISOString(),
    report_id: `hist-${phone}-${i}`,
  }));
  const batch = await request.post('/api/dialer/report-results', { headers: dialer, data: { results: missed } });
  expect(batch.ok(), await batch.text()).toBe(true);
  const transcript = 'Agent: Hello, this is Dialdeck calling.\nCustomer: Yes, I am interested.';
  const answered = await request.post('/api/dialer/report-result', {
    headers: dialer,
    data: {
      phone_number: phone,
      status: 'CONNECTED',
      reason: 'answered',
      attempted_at: new Date(start + 25 * 3_600_000).toISOString(),
      duration_seconds: 42,
      user_message: 'Call me back tomorrow',
      transcript,
      summary: 'Interested; wants a call tomorrow.',
      recording_url: 'https://recordings.example.com/call-42.mp3',
      report_id: `hist-${phone}-answered`,
    },
  });
  expect(answered.ok(), await answered.text()).toBe(true);

  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Numbers');
  await page.getByRole('searchbox', { name: 'Search by phone' }).fill(phone);
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(phone) });
  await expect(row).toContainText('Connected');

  // A click on the row (not on one of its controls) opens the detail.
  await row.getByRole('cell', { name: phone, exact: true }).click();
  const drawer = page.getByRole('dialog', { name: 'Number details' });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(phone);
  const statuses = drawer.getByTestId('history-statuses');
  await expect(statuses).toContainText('In the shared pool');
  await expect(statuses).toContainText('Active');
  await expect(statuses).toContainText("This company's status");
  await expect(statuses).toContainText('Connected');

  const items = drawer.getByTestId('history-item');
  await expect(items).toHaveCount(20);
  const newest = items.first();
  await expect(newest).toContainText('Connected');
  await expect(newest).toContainText('answered');
  await expect(newest).toContainText('42 seconds');
  await expect(newest).toContainText('Call me back tomorrow');
  await expect(newest).toContainText('Interested; wants a call tomorrow.');
  await expect(newest.getByTestId('history-transcript')).toHaveText(transcript);
  await expect(newest.getByRole('link', { name: 'Listen to the recording' })).toHaveAttribute(
    'href',
    'https://recordings.example.com/call-42.mp3',
  );
  await expect(items.nth(1)).toContainText('Missed');
  await expect(items.nth(1)).toContainText('no_answer');
  await screenshot(page, 'h-01-number-detail', { fullPage: false });

  // The 22nd result is on the next page; once loaded, there is no more to load.
  await drawer.getByRole('button', { name: 'Load more' }).click();
  await expect(items).toHaveCount(22);
  // Focus lands on the first result loaded, inside the dialog.
  await expect(items.nth(20)).toBeFocused();
  await expect(items.last()).toContainText('Missed');
  await expect(drawer.getByRole('button', { name: 'Load more' })).toHaveCount(0);

  // Escape closes it; the keyboard opens it again with Enter on the focused row.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(drawer).toBeVisible();
  await expect(items.first().getByTestId('history-transcript')).toHaveText(transcript);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The row's own controls keep their clicks: ticking its checkbox selects it, the detail stays shut.
  // (React Aria's checkbox input is visually hidden under its drawn box, which takes the click.)
  const box = row.getByRole('checkbox', { name: `Select ${phone}` });
  await box.check({ force: true });
  await expect(box).toBeChecked();
  await expect(drawer).toBeHidden();
  await box.uncheck({ force: true });

  // In Persian the detail speaks Persian and the transcript keeps its own direction.
  await chooseLanguage(page, 'fa');
  await page
    .getByRole('row', { name: new RegExp(phone) })
    .getByRole('cell', { name: phone, exact: true })
    .click();
  const faDrawer = page.getByRole('dialog', { name: 'جزئیات شماره' });
  await expect(faDrawer).toBeVisible();
  await expect(faDrawer.getByText('متن گفتگو')).toBeVisible();
  await expect(faDrawer.getByTestId('history-transcript').first()).toHaveAttribute('dir', 'auto');
  await screenshot(page, 'h-02-number-detail-fa', { fullPage: false });
  await page.keyboard.press('Escape');
  await chooseLanguage(page, 'en');
});

test('a number this company never called opens with an empty history', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'histe' });
  const phone = freshPhone();
  const added = await request.post('/api/numbers', { headers: bearer(tenant.adminToken), data: { numbers: [phone] } });
  expect(added.ok(), await added.text()).toBe(true);

  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Numbers');
  await page.getByRole('searchbox', { name: 'Search by phone' }).fill(phone);
  await page
    .getByRole('row', { name: new RegExp(phone) })
    .getByRole('cell', { name: phone, exact: true })
    .click();
  const drawer = page.getByRole('dialog', { name: 'Number details' });
  await expect(drawer.getByText('No call results yet')).toBeVisible();
  await expect(drawer.getByTestId('history-statuses')).toContainText('In queue');
  await expect(drawer.getByTestId('history-item')).toHaveCount(0);
});
