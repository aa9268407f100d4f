import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { chooseLanguage, login, screenshot, unique } from './e2e-helpers';
import { bearer, createTenant } from './tenant-helpers';

/** A dialer of the tenant's own that may call all day, every day. */
async function dialerFor(request: APIRequestContext, adminToken: string): Promise<Record<string, string>> {
  const admin = bearer(adminToken);
  const allDay = Array.from({ length: 7 }, (_, day) => ({ day_of_week: day, start_time: '00:00', end_time: '24:00' }));
  const put = await request.put('/api/schedule', { headers: admin, data: { enabled: true, skip_holidays: false, windows: allDay } });
  expect(put.ok(), await put.text()).toBe(true);
  const created = await request.post('/api/dialer/tokens', { headers: admin, data: { name: 'dashboard spec' } });
  expect(created.status(), await created.text()).toBe(201);
  return bearer(((await created.json()) as { token: string }).token);
}

async function nextBatch(request: APIRequestContext, dialer: Record<string, string>, size: number): Promise<number[]> {
  const batch = await request.get('/api/dialer/next-batch', { headers: dialer, params: { size } });
  expect(batch.ok(), await batch.text()).toBe(true);
  const body = (await batch.json()) as { call_allowed: boolean; batch: { numbers: { id: number }[] } };
  expect(body.call_allowed).toBe(true);
  expect(body.batch.numbers.length).toBe(size);
  return body.batch.numbers.map((n) => n.id);
}

async function report(request: APIRequestContext, dialer: Record<string, string>, numberId: number, status: string) {
  const answer = await request.post('/api/dialer/report-result', {
    headers: dialer,
    data: { number_id: numberId, status, duration_seconds: status === 'CONNECTED' ? 42 : 0, report_id: unique('dash') },
  });
  expect(answer.ok(), await answer.text()).toBe(true);
}

async function screenshots(page: Page, locale: string) {
  for (const [name, width, height] of [
    ['desktop', 1440, 900],
    ['mobile', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    // Charts redraw (and animate) for the new width.
    await page.waitForTimeout(800);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `dash-${locale}-${name}`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('the dashboard shows today in en and fa, moves with a reported result without a reload, and drills down to the same count', async ({
  page,
  request,
}) => {
  const tenant = await createTenant(request, { prefix: 'dash' });
  const admin = bearer(tenant.adminToken);
  const base = `0935${100 + Math.floor(Math.random() * 900)}`;
  const added = await request.post('/api/numbers', {
    headers: admin,
    data: { numbers: Array.from({ length: 6 }, (_, i) => `${base}${String(i).padStart(4, '0')}`) },
  });
  expect(added.ok(), await added.text()).toBe(true);

  // Three results before the page opens: two missed, one connected.
  const dialer = await dialerFor(request, tenant.adminToken);
  const ids = await nextBatch(request, dialer, 4);
  await report(request, dialer, ids[0]!, 'MISSED');
  await report(request, dialer, ids[1]!, 'CONNECTED');
  await report(request, dialer, ids[2]!, 'MISSED');

  // The admin's home is the dashboard, first in the navigation.
  await login(page, tenant.admin.username, tenant.admin.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link').first()).toHaveText('Dashboard');

  await expect(page.getByTestId('kpi-attempts-today-value')).toHaveText('3');
  await expect(page.getByTestId('kpi-connected-today-value')).toHaveText('1');
  await expect(page.getByTestId('kpi-connect-rate-value')).toHaveText('33.3%');
  await expect(page.getByTestId('kpi-cost-today-value')).not.toBeEmpty();
  await expect(page.getByTestId('live-indicator')).toHaveText('Live');

  const distribution = page.getByTestId('distribution-table');
  await expect(distribution.locator('tr[data-status="MISSED"] td').first()).toHaveText('2');
  await expect(distribution.locator('tr[data-status="CONNECTED"] td').first()).toHaveText('1');
  for (const panel of ['panel-distribution', 'panel-attempts', 'panel-trend']) {
    await expect(page.getByTestId(panel).locator('canvas')).toBeVisible();
  }
  await expect(page.getByTestId('breakdown-table')).toContainText('No campaign');

  // Each chart has its figures as a table too.
  await page.getByTestId('panel-trend').getByRole('button', { name: 'Show as table' }).click();
  await expect(page.getByTestId('trend-table')).toBeVisible();
  await page.getByTestId('panel-trend').getByRole('button', { name: 'Show as table' }).click();
  await screenshots(page, 'en');

  // A result reported through the dialer API moves the KPI in place: the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await report(request, dialer, ids[3]!, 'BUSY');
  await expect(page.getByTestId('kpi-attempts-today-value')).toHaveText('4', { timeout: 5_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  // The other figures follow (throttled invalidation).
  await expect(distribution.locator('tr[data-status="BUSY"] td').first()).toHaveText('1');

  // Drill-down: the number of missed numbers opens the list of exactly those.
  const missed = distribution.locator('tr[data-status="MISSED"]').getByRole('link');
  await expect(missed).toHaveText('2');
  await missed.click();
  await expect(page).toHaveURL(/\/numbers\?.*status=MISSED/);
  await expect(page).toHaveURL(/status_changed_from=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId('drill-filters')).toContainText('Filtered from the dashboard');
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await screenshot(page, 'dash-drill-numbers-en', { fullPage: false });

  // The "numbers got a status today" link of the attempts card: the list shows its count.
  await page.goBack();
  await expect(page).toHaveURL(/\/dashboard/);
  const touched = page.getByTestId('kpi-attempts-today').getByRole('link');
  await expect(touched).toHaveText('4 numbers got a status today');
  await touched.click();
  await expect(page.getByText('1–4 of 4')).toBeVisible();
  // Removing the chip widens the list again.
  await page.getByRole('button', { name: /^Remove filter: Status set since/ }).click();
  await expect(page).not.toHaveURL(/status_changed_from/);
  await expect(page.getByTestId('drill-filters')).toHaveCount(0);

  // The same dashboard in Persian: right to left, Persian digits.
  await page.goto('/dashboard');
  await chooseLanguage(page, 'fa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'داشبورد' })).toBeVisible();
  await expect(page.getByTestId('kpi-attempts-today-value')).toHaveText('۴');
  await expect(page.getByTestId('live-indicator')).toHaveText('زنده');
  await expect(page.getByTestId('distribution-table').locator('tr[data-status="MISSED"] td').first()).toHaveText('۲');
  await expect(page.getByTestId('panel-trend').locator('canvas')).toBeVisible();
  await page.getByTestId('panel-trend').getByRole('button', { name: 'نمایش به‌صورت جدول' }).click();
  // The trend's labels are local times in Persian digits.
  await expect(page.getByTestId('trend-table').locator('tbody th').first()).toHaveText(/^[۰-۹:]+$/);
  await page.getByTestId('panel-trend').getByRole('button', { name: 'نمایش به‌صورت جدول' }).click();
  await screenshots(page, 'fa');

  // Hebrew reads right to left too, with Western digits and the Gregorian calendar.
  await chooseLanguage(page, 'he');
  await expect(page.getByRole('heading', { level: 1, name: 'לוח בקרה' })).toBeVisible();
  await expect(page.getByTestId('kpi-attempts-today-value')).toHaveText('4');
  await expect(page.getByTestId('live-indicator')).toHaveText('חי');
  await page.waitForTimeout(800);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'dash-he-desktop');
  await chooseLanguage(page, 'fa');

  // The timeframe and campaign live in the address.
  await page.getByTestId('dashboard-timeframe').selectOption('all');
  await expect(page).toHaveURL(/timeframe=all/);
  await page.reload();
  await expect(page.getByTestId('dashboard-timeframe')).toHaveValue('all');
});

test('the live indicator says Reconnecting… while the stream fails, and a fresh ticket brings it back', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'dashlive' });
  let tickets = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/stats/stream-ticket')) tickets++;
  });
  // Every stream connection fails until the route is lifted (a network cut, a server restart).
  const stream = '**/api/stats/stream?*';
  await page.route(stream, (route) => route.abort('connectionreset'));
  await login(page, tenant.admin.username, tenant.admin.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const indicator = page.getByTestId('live-indicator');
  await expect(indicator).toHaveText('Reconnecting…');
  await expect(indicator).toHaveAttribute('data-state', 'reconnecting');
  await screenshot(page, 'dash-reconnecting-en', { fullPage: false });

  await page.unroute(stream);
  await expect(indicator).toHaveText('Live', { timeout: 20_000 });
  // Each try asked for a new ticket: an EventSource's own retry would reuse the expired one.
  expect(tickets).toBeGreaterThanOrEqual(2);
});
