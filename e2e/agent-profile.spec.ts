import { expect, test } from '@playwright/test';
import { ROOT, login, logout, openNav, screenshot, unique } from './e2e-helpers';

test('an agent sees only Home, Numbers and Profile, and changes their name and password', async ({ page, request }) => {
  const username = unique('dana');
  const oldPassword = 'dana-pass-123';
  const newPassword = 'dana-pass-456';

  // Arrange through the API: the agent exists before the browser opens.
  const token = await request.post('/api/auth/login', { data: ROOT });
  expect(token.ok()).toBe(true);
  const { access_token } = (await token.json()) as { access_token: string };
  const created = await request.post('/api/admins', {
    headers: { Authorization: `Bearer ${access_token}` },
    data: { username, password: oldPassword, role: 'AGENT', first_name: 'Dana' },
  });
  expect(created.status()).toBe(201);

  await login(page, username, oldPassword);
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link')).toHaveText(['Home', 'Numbers', 'Lines', 'Profile']);
  await screenshot(page, 'e-01-agent-home');

  // Admin pages are not the agent's: typing their address leads home.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/home$/);
  await page.goto('/companies');
  await expect(page).toHaveURL(/\/home$/);

  await openNav(page, 'Profile');
  const details = page.getByRole('form', { name: 'Personal details' });
  await details.getByLabel('Last name').fill('Levi');
  await details.getByLabel('Current password').fill('not-my-password');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByLabel('Current password')).toHaveAccessibleDescription('The current password is incorrect.');
  await screenshot(page, 'e-02-wrong-current-password');

  await details.getByLabel('Current password').fill(oldPassword);
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your details were saved.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account menu for Dana Levi' })).toBeVisible();

  const password = page.getByRole('form', { name: 'Change password' });
  await password.getByLabel('Current password').fill(oldPassword);
  await password.getByLabel('New password', { exact: true }).fill(newPassword);
  await password.getByLabel('Repeat the new password').fill('something-else');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByLabel('Repeat the new password')).toHaveAccessibleDescription('The two passwords are not the same.');
  await password.getByLabel('Repeat the new password').fill(newPassword);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed.')).toBeVisible();
  await screenshot(page, 'e-03-password-changed');

  await logout(page);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(oldPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is incorrect.');
  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana Levi' })).toBeVisible();
});
