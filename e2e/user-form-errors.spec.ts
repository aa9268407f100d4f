import { expect, test } from '@playwright/test';
import { ROOT, login, openNav, screenshot, unique } from './e2e-helpers';

test('the user form shows a too-short password and a taken username on their fields', async ({ page }) => {
  await login(page, ROOT.username, ROOT.password);
  await openNav(page, 'Users');

  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  const username = dialog.getByLabel('Username');
  const password = dialog.getByLabel('Password');

  await username.fill(unique('short'));
  await password.fill('short');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('Use at least 8 characters.');
  await expect(dialog).toBeVisible();
  await screenshot(page, 'd-01-password-too-short');

  // A valid password but a username that exists: the server's 409 lands on the username field.
  await username.fill(ROOT.username);
  await password.fill('long-enough-123');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription('This username is already taken.');
  await expect(password).not.toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'd-02-username-taken');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
