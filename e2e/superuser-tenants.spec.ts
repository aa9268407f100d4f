import { expect, test } from '@playwright/test';
import { ROOT, login, logout, openNav, screenshot, unique } from './e2e-helpers';

test('a superuser creates a company and its admin, who then sees only that company', async ({ page }) => {
  const slug = unique('beta');
  const companyName = `Beta Calls ${slug.slice(5)}`;
  const adminUsername = unique('beta-admin');
  const adminPassword = 'beta-pass-123';

  await login(page, ROOT.username, ROOT.password);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link')).toHaveText([
    'Dashboard',
    'Companies',
    'Users',
    'Numbers',
    'Schedule',
    'Dialer',
    'Lines',
    'Voice servers',
    'Profile',
  ]);

  // Create the company.
  await openNav(page, 'Companies');
  await page.getByRole('button', { name: 'Add company' }).click();
  const companyDialog = page.getByRole('dialog', { name: 'Add company' });
  await companyDialog.getByLabel('Display name').fill(companyName);
  await companyDialog.getByLabel('Slug').fill(slug);
  await companyDialog.getByLabel('Language').selectOption('en');
  await companyDialog.getByLabel('Time zone').fill('Asia/Kolkata');
  await companyDialog.getByLabel('Default phone region').fill('IN');
  await companyDialog.getByLabel('Calendar').selectOption('gregorian');
  await companyDialog.getByLabel('Currency').fill('INR');
  await screenshot(page, 'a-01-create-company-dialog');
  await companyDialog.getByRole('button', { name: 'Create' }).click();
  await expect(companyDialog).toBeHidden();
  const companyRow = page.getByRole('row', { name: new RegExp(slug) });
  await expect(companyRow).toBeVisible();
  await expect(companyRow).toContainText(companyName);
  await expect(companyRow).toContainText('Asia/Kolkata');
  await expect(page.getByText(`Company ${companyName} was created.`)).toBeVisible();
  await screenshot(page, 'a-02-companies-list');

  // Edit it: the dialog opens with the saved values.
  await companyRow.getByRole('button', { name: `Edit ${slug}` }).click();
  const editDialog = page.getByRole('dialog', { name: `Edit company ${companyName}` });
  await expect(editDialog.getByLabel('Currency')).toHaveValue('INR');
  await expect(editDialog.getByLabel('Active')).toBeChecked();
  await editDialog.getByLabel('Cooldown (days)').fill('7');
  await editDialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(editDialog).toBeHidden();
  await expect(page.getByText(`Company ${companyName} was updated.`)).toBeVisible();

  // Create its admin from the users page, scoped by the company selector.
  await openNav(page, 'Users');
  await page.getByRole('combobox', { name: 'Company' }).selectOption(slug);
  await expect(page.getByText('No users yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const userDialog = page.getByRole('dialog', { name: 'Add user' });
  await userDialog.getByLabel('Username').fill(adminUsername);
  await userDialog.getByLabel('Password').fill(adminPassword);
  await userDialog.getByLabel('First name').fill('Bina');
  await userDialog.getByLabel('Last name').fill('Admin');
  await userDialog.getByLabel('Role').selectOption('ADMIN');
  await userDialog.getByRole('button', { name: 'Create' }).click();
  await expect(userDialog).toBeHidden();
  const adminRow = page.getByRole('row', { name: new RegExp(adminUsername) });
  await expect(adminRow).toContainText('Admin');
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  await screenshot(page, 'a-03-company-users');

  // Back in the superuser's own company, the new admin is not listed.
  await page.getByRole('combobox', { name: 'Company' }).selectOption('acme');
  await expect(page.getByRole('row', { name: new RegExp(ROOT.username) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(adminUsername) })).toHaveCount(0);

  await logout(page);

  // The admin sees the users of their own company only, and no Companies page.
  await page.getByLabel('Username', { exact: true }).fill(adminUsername);
  await page.getByLabel('Password', { exact: true }).fill(adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // An admin's home is the dashboard.
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Users', 'Numbers', 'Schedule', 'Dialer', 'Lines', 'Profile']);
  await openNav(page, 'Users');
  await expect(page.getByTestId('company-name')).toHaveText(companyName);
  await expect(page.getByRole('row', { name: new RegExp(adminUsername) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`\\b${ROOT.username}\\b`) })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Company' })).toHaveCount(0);
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  await screenshot(page, 'a-04-admin-sees-own-company');

  // Companies is the superuser's page: an admin who types its URL is sent away.
  await page.goto('/companies');
  await expect(page).toHaveURL(/\/dashboard/);
});
