import { expect, test } from '@playwright/test';
import { chooseLanguage, login, openNav, screenshot, unique } from './e2e-helpers';
import { bearer, createTenant, fullScreenshot } from './tenant-helpers';

test('an admin creates a dialer token, sees it once, the dialer uses it, and revoking it locks the dialer out', async ({
  page,
  context,
  request,
}) => {
  const tenant = await createTenant(request, { prefix: 'tok' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Dialer');

  const tokens = page.getByRole('region', { name: 'Dialer tokens' });
  await expect(tokens.getByText('No dialer tokens yet')).toBeVisible();
  // How to use one: the header, both endpoints, and the reference dialer.
  await expect(page.getByText('Authorization: Bearer <token>')).toBeVisible();
  const code = page.locator('pre');
  await expect(code.filter({ hasText: /GET +http:\/\/127\.0\.0\.1:\d+\/api\/dialer\/next-batch/ })).toBeVisible();
  await expect(code.filter({ hasText: /POST +http:\/\/127\.0\.0\.1:\d+\/api\/dialer\/report-result/ })).toBeVisible();
  await expect(code.filter({ hasText: /^npm run dialer-sim -- --url http:\/\/127\.0\.0\.1:\d+ --token <token>$/ })).toBeVisible();

  await tokens.getByRole('button', { name: 'Create token' }).first().click();
  const createDialog = page.getByRole('dialog', { name: 'Create a dialer token' });
  await expect(createDialog.getByLabel('Name')).toBeFocused();
  // An empty name is refused before anything is sent.
  await createDialog.getByRole('button', { name: 'Create token' }).click();
  await expect(createDialog.getByText('This field is required.')).toBeVisible();
  await createDialog.getByLabel('Name').fill('Office dialer');
  await createDialog.getByRole('button', { name: 'Create token' }).click();

  // The secret, once: read-only, monospace, with a warning and a Copy button.
  const reveal = page.getByRole('dialog', { name: 'Token “Office dialer” created' });
  await expect(reveal).toBeVisible();
  await expect(reveal).toContainText('You won’t see it again');
  const field = reveal.getByLabel('Token', { exact: true });
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toHaveValue(/^ddt_/);
  const token = await field.inputValue();
  const copy = reveal.getByRole('button', { name: 'Copy the token' });
  await expect(copy).toBeFocused();
  await copy.click();
  await expect(reveal.getByText('The token was copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await screenshot(page, 's-10-token-once', { fullPage: false });

  await reveal.getByRole('button', { name: 'I have copied it' }).click();
  await expect(reveal).toBeHidden();
  const row = tokens.getByRole('row', { name: /Office dialer/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Never');
  // Closing the dialog forgot the secret: it is nowhere on the page, and opening the dialog again asks for a name.
  await expect(page.locator(`text=${token}`)).toHaveCount(0);
  await tokens.getByRole('button', { name: 'Create token' }).first().click();
  await expect(createDialog.getByLabel('Name')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(createDialog).toBeHidden();

  // The dialer signs in with it (a refusal outside the schedule is still 200).
  const dialer = { authorization: `Bearer ${token}` };
  const allowed = await page.request.get('/api/dialer/next-batch', { headers: dialer });
  expect(allowed.status(), await allowed.text()).toBe(200);
  const answer = (await allowed.json()) as { call_allowed: boolean; reason?: string };
  if (!answer.call_allowed) expect(answer.reason).toBe('no_window');
  await page.reload();
  await expect(row).not.toContainText('Never');
  await fullScreenshot(page, 's-11-tokens-list');

  // Revoking asks first, naming the token.
  await row.getByRole('button', { name: 'Revoke Office dialer' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Revoke this token?' });
  await expect(confirm).toContainText('“Office dialer” stops working at once');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 's-12-token-revoke-confirm', { fullPage: false });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('The token Office dialer was revoked.')).toBeVisible();
  await expect(tokens.getByRole('row', { name: /Office dialer/ })).toHaveCount(0);
  await expect(tokens.getByText('No dialer tokens yet')).toBeVisible();

  const refused = await page.request.get('/api/dialer/next-batch', { headers: dialer });
  expect(refused.status()).toBe(401);

  // The same page in Persian.
  await chooseLanguage(page, 'fa');
  await expect(page.getByRole('heading', { level: 1, name: 'شماره‌گیر' })).toBeVisible();
  await fullScreenshot(page, 's-13-dialer-fa');
});

test('"Why no numbers?" shows the funnel from the pool to what is available, and the schedule verdict now', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'diag' });
  const admin = bearer(tenant.adminToken);
  // A few numbers of our own, so the pool is not empty whatever ran before.
  const base = `0919${100 + Math.floor(Math.random() * 900)}`;
  const added = await request.post('/api/numbers', {
    headers: admin,
    data: { numbers: Array.from({ length: 5 }, (_, i) => `${base}${String(i).padStart(4, '0')}`) },
  });
  expect(added.ok(), await added.text()).toBe(true);

  await login(page, tenant.admin.username, tenant.admin.password);
  await openNav(page, 'Dialer');
  const panel = page.getByRole('region', { name: 'Why no numbers?' });
  const funnel = panel.getByRole('list', { name: 'From the pool to the numbers available now' });
  await expect(funnel.getByRole('listitem')).toHaveCount(7);
  await expect(funnel.getByRole('listitem').first()).toContainText('In the pool');
  await expect(funnel.getByRole('listitem').last()).toContainText('Available now');

  // No window at all yet: refused, and nothing is coming up.
  // The verdict and the counts are found by test id: the panel's name changes with the language.
  const verdict = page.getByTestId('schedule-verdict');
  await expect(verdict).toContainText('Calling is not allowed now');
  await expect(verdict).toContainText('No calling window is set for today.');

  const counts = async () => {
    const response = await request.get('/api/dialer/diagnostics', { headers: admin });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as Record<string, number>;
  };
  const keys = ['total', 'globally_blocked', 'cooling_down', 'called_by_company', 'locked', 'outside_campaign', 'available'] as const;
  const expectCounts = async (locale: string) => {
    const expected = await counts();
    expect(expected.total).toBeGreaterThanOrEqual(5);
    for (const key of keys) {
      await expect(page.getByTestId(`diagnostics-${key}`).getByTestId('diagnostics-count')).toHaveText(
        new RegExp(`^\u200e?-?${expected[key]!.toLocaleString(locale).replace(/[.,]/g, '\\$&')}$`),
      );
    }
  };
  await expectCounts('en-US');
  await fullScreenshot(page, 's-14-diagnostics-refused');

  // An unknown campaign is said so (404), not shown with the previous counts.
  // The picker offers only the company's campaigns, so an unknown one comes from the address (an old link).
  await page.goto(`${new URL(page.url()).pathname}?campaign_id=999999`);
  await expect(page).toHaveURL(/campaign_id=999999/);
  await expect(panel.getByText('This company has no campaign with ID 999,999.')).toBeVisible();
  await expect(funnel).toBeHidden();
  await panel.getByRole('button', { name: 'All numbers' }).first().click();
  await expect(funnel.getByRole('listitem')).toHaveCount(7);
  await expect(page).not.toHaveURL(/campaign_id/);

  // Calling all day, every day: after a refresh the verdict turns, and a dialer's batch shows as locked.
  const allDay = Array.from({ length: 7 }, (_, day) => ({ day_of_week: day, start_time: '00:00', end_time: '24:00' }));
  const put = await request.put('/api/schedule', { headers: admin, data: { enabled: true, skip_holidays: false, windows: allDay } });
  expect(put.ok(), await put.text()).toBe(true);
  const created = await request.post('/api/dialer/tokens', { headers: admin, data: { name: 'diagnostics' } });
  const dialerToken = ((await created.json()) as { token: string }).token;
  const batch = await request.get('/api/dialer/next-batch', { headers: bearer(dialerToken), params: { size: 2 } });
  expect(batch.ok(), await batch.text()).toBe(true);
  const leased = (await batch.json()) as { call_allowed: boolean; batch: { numbers: { id: number }[] } };
  expect(leased.call_allowed).toBe(true);
  expect(leased.batch.numbers.length).toBe(2);

  await panel.getByRole('button', { name: 'Refresh' }).click();
  await expect(verdict).toContainText('Calling is allowed now');
  const after = await counts();
  expect(after.locked).toBeGreaterThanOrEqual(2);
  await expectCounts('en-US');
  await fullScreenshot(page, 's-15-diagnostics-allowed');

  // Persian digits in Persian.
  await chooseLanguage(page, 'fa');
  await expect(page.getByRole('heading', { level: 2, name: 'چرا شماره‌ای نمی‌رسد؟' })).toBeVisible();
  await expect(verdict).toContainText('اکنون تماس مجاز است');
  await expect(page.getByTestId('diagnostics-total').getByTestId('diagnostics-count')).toHaveText(/^[۰-۹٬]+$/);
  await fullScreenshot(page, 's-16-diagnostics-fa');

  // A closed day: the verdict names the reason and when calling resumes (Jalali date in Persian).
  const tomorrowOnly = await request.put('/api/schedule', {
    headers: admin,
    data: { windows: [{ day_of_week: (new Date().getUTCDay() + 2) % 7, start_time: '09:00', end_time: '17:00' }] },
  });
  expect(tomorrowOnly.ok(), await tomorrowOnly.text()).toBe(true);
  await page.getByRole('button', { name: 'به‌روزرسانی' }).click();
  await expect(verdict).toContainText('اکنون تماس مجاز نیست');
  await expect(verdict).toContainText('از سرگیری تماس:');
  await fullScreenshot(page, 's-17-diagnostics-refused-fa');

  // The dialer switches calling off with a result (call_allowed: false): the verdict and the schedule page say so.
  const report = (numberId: number, callAllowed: boolean) =>
    request.post('/api/dialer/report-result', {
      headers: bearer(dialerToken),
      data: { number_id: numberId, status: 'BUSY', call_allowed: callAllowed, report_id: unique('report') },
    });
  const off = await report(leased.batch.numbers[0]!.id, false);
  expect(off.ok(), await off.text()).toBe(true);
  await page.getByRole('button', { name: 'به‌روزرسانی' }).click();
  await expect(verdict).toContainText('تماس‌گیری خاموش است');

  await chooseLanguage(page, 'en');
  await openNav(page, 'Schedule');
  const banner = page.getByTestId('disabled-by-dialer');
  await expect(banner).toContainText('Disabled by the dialer');
  await expect(banner).toContainText('Calling stays off until the dialer reports call_allowed: true');
  await screenshot(page, 's-18-disabled-by-dialer', { fullPage: false });
  await chooseLanguage(page, 'fa');
  await expect(banner).toContainText('غیرفعال‌شده توسط شماره‌گیر');
  await screenshot(page, 's-19-disabled-by-dialer-fa', { fullPage: false });

  // call_allowed: true turns it back on.
  const on = await report(leased.batch.numbers[1]!.id, true);
  expect(on.ok(), await on.text()).toBe(true);
  await page.reload();
  await expect(page.getByTestId('schedule-version')).toBeVisible();
  await expect(banner).toBeHidden();
});
