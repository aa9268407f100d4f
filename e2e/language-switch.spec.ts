import { expect, test } from '@playwright/test';
import { ROOT, chooseLanguage, login, screenshot } from './e2e-helpers';

test('switching the language flips direction, labels and digits', async ({ page }) => {
  const html = page.locator('html');

  // Before anyone signs in, the app speaks Persian.
  await page.goto('/login');
  await expect(html).toHaveAttribute('lang', 'fa');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByLabel('نام کاربری')).toBeVisible();
  await screenshot(page, 'c-01-login-fa');

  await login(page, ROOT.username, ROOT.password);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();

  await chooseLanguage(page, 'fa');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'کاربران' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'افزودن کاربر' }).first()).toBeVisible();
  // Persian digits in the pagination summary ("۱–۱ از ۱").
  await expect(page.getByText(/^[۰-۹]+–[۰-۹]+ از [۰-۹]+$/)).toBeVisible();
  // The sidebar sits on the right in RTL.
  const sidebar = page.getByRole('navigation', { name: 'ناوبری اصلی' });
  const box = await sidebar.boundingBox();
  expect(box && box.x > 683).toBe(true);
  await screenshot(page, 'c-02-users-fa-rtl');

  await chooseLanguage(page, 'he');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'משתמשים' })).toBeVisible();
  await screenshot(page, 'c-03-users-he-rtl');

  await chooseLanguage(page, 'en');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const ltrBox = await page.getByRole('navigation', { name: 'Main navigation' }).boundingBox();
  expect(ltrBox && ltrBox.x < 100).toBe(true);
  await screenshot(page, 'c-04-users-en-ltr');

  // The choice outlives a reload.
  await page.reload();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(html).toHaveAttribute('dir', 'ltr');
});
