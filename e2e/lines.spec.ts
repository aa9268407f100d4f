import { expect, test } from '@playwright/test';
import { chooseLanguage, login, logout, screenshot, unique } from './e2e-helpers';
import { bearer, createTenant } from './tenant-helpers';

test('an admin adds a line, assigns it to an agent, and the agent sees it as theirs', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'lines' });
  const agent = { username: unique('lines-agent'), password: 'agent-pass-123' };
  const made = await request.post('/api/admins', {
    headers: bearer(tenant.adminToken),
    data: { ...agent, role: 'AGENT', first_name: 'Omid', last_name: 'Rahimi' },
  });
  expect(made.status(), await made.text()).toBe(201);
  // A number nobody else uses: lines are unique across the whole system.
  const local = `021${String(Date.now()).slice(-8)}`;
  const e164 = `+98${local.slice(1)}`;

  await login(page, tenant.admin.username, tenant.admin.password);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Lines' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lines' })).toBeVisible();
  await expect(page.getByText('No lines yet')).toBeVisible();

  await page.getByRole('button', { name: 'Add line' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a line' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Phone number').fill('12');
  await dialog.getByLabel('Display name').fill('Tehran sales');
  await dialog.getByRole('button', { name: 'Create' }).click();
  // The server's reason, on the field.
  await expect(dialog.getByLabel('Phone number')).toHaveAccessibleDescription(/too short/);
  await dialog.getByLabel('Phone number').fill(local);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('Tehran sales was added.')).toBeVisible();
  const row = page.getByRole('row', { name: /Tehran sales/ });
  await expect(row.getByText(e164)).toBeVisible();
  await expect(row.getByText('No calls yet')).toBeVisible();

  await row.getByRole('button', { name: 'Assign Tehran sales to an agent' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign Tehran sales' });
  await assign.getByLabel('Agent').selectOption({ label: 'Omid Rahimi' });
  await screenshot(page, 'l-01-assign-line');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByText('Tehran sales is assigned to Omid Rahimi.')).toBeVisible();
  await expect(row.getByTestId('line-agent')).toHaveText('Omid Rahimi');
  await screenshot(page, 'l-02-lines');

  // The resting rule: off by default; a bad bar names its field.
  await page.getByRole('button', { name: 'Resting rule' }).click();
  const rule = page.getByRole('dialog', { name: 'Resting rule' });
  await expect(rule.getByLabel('Rest lines with a low connect rate')).not.toBeChecked();
  await rule.getByLabel('Rest lines with a low connect rate').check();
  await rule.getByLabel('Rest below this connect rate (%)').fill('150');
  await rule.getByRole('button', { name: 'Save' }).click();
  await expect(rule.getByLabel('Rest below this connect rate (%)')).toHaveAttribute('aria-invalid', 'true');
  await rule.getByLabel('Rest below this connect rate (%)').fill('15');
  await rule.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The resting rule was saved.')).toBeVisible();

  // Right to left: the phone stays left to right.
  await chooseLanguage(page, 'fa');
  await expect(page.getByRole('heading', { level: 1, name: 'خطوط' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText(e164)).toHaveAttribute('dir', 'ltr');
  await screenshot(page, 'l-03-lines-fa');
  await chooseLanguage(page, 'en');
  await logout(page);

  await login(page, agent.username, agent.password);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Lines' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
  const mine = page.getByRole('row', { name: /Tehran sales/ });
  await expect(mine.getByText(e164)).toBeVisible();
  // Read only: no management buttons for an agent.
  await expect(page.getByRole('button', { name: 'Add line' })).toHaveCount(0);
  await expect(mine.getByRole('button')).toHaveCount(0);
  await screenshot(page, 'l-04-my-lines');
});
