import { expect, test } from '@playwright/test';
import { ROOT, login, openNav, screenshot, unique } from './e2e-helpers';

test('an admin creates an agent, deactivates it and deletes it after confirming', async ({ page }) => {
  const username = unique('agent');
  const phone = `0912${String(Date.now()).slice(-7)}`;

  await login(page, ROOT.username, ROOT.password);
  await openNav(page, 'Users');

  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await expect(dialog.getByLabel('Username')).toBeFocused();
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill('agent-pass-123');
  await dialog.getByLabel('First name').fill('Sara');
  await dialog.getByLabel('Last name').fill('Karimi');
  await dialog.getByLabel('Phone number').fill(phone);
  await expect(dialog.getByLabel('Role')).toHaveValue('AGENT');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('Sara Karimi');
  await expect(row).toContainText('Agent');
  await expect(row).toContainText('Active');
  await expect(page.getByText(`User ${username} was created.`)).toBeVisible();
  await screenshot(page, 'b-01-agent-created');

  // The search narrows the table to the new user.
  await page.getByRole('searchbox', { name: 'Search users' }).fill(username);
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`search=${username}`));

  await row.getByRole('button', { name: `Deactivate ${username}` }).click();
  await expect(row).toContainText('Inactive');
  await expect(row.getByRole('button', { name: `Activate ${username}` })).toBeVisible();
  await screenshot(page, 'b-02-agent-deactivated');

  // Delete asks first, naming the user; Cancel keeps it.
  await row.getByRole('button', { name: `Delete ${username}` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this user?' });
  await expect(confirm).toContainText(`Sara Karimi`);
  await expect(confirm).toContainText(username);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'b-03-delete-confirmation');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Delete ${username}` }).click();
  await confirm.getByRole('button', { name: 'Delete user' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(username) })).toHaveCount(0);
  await expect(page.getByText(`User ${username} was deleted.`)).toBeVisible();
  await expect(page.getByText('No users match')).toBeVisible();
  await screenshot(page, 'b-04-agent-deleted');
});
