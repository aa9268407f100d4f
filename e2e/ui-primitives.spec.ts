import { expect, test, type Page } from '@playwright/test';
import { ROOT, chooseLanguage, login, screenshot } from './e2e-helpers';
import { bearer, createTenant } from './tenant-helpers';

/** Whether keyboard focus is inside the one open modal dialog. */
async function focusInsideDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')));
}

for (const { language, addUser, dir } of [
  { language: 'fa', addUser: 'افزودن کاربر', dir: 'rtl' },
  { language: 'en', addUser: 'Add user', dir: 'ltr' },
] as const) {
  test(`a dialog traps focus, Escape closes it and focus returns to the opener (${language}, ${dir})`, async ({ page }) => {
    await login(page, ROOT.username, ROOT.password);
    await page.goto('/users');
    await chooseLanguage(page, language);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);

    const opener = page.getByRole('button', { name: addUser }).first();
    await opener.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // The first field has the focus, and Tab / Shift+Tab never leave the dialog.
    await expect(dialog.getByRole('textbox').first()).toBeFocused();
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Tab');
      expect(await focusInsideDialog(page)).toBe(true);
    }
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInsideDialog(page)).toBe(true);
    }
    // The page behind is hidden from assistive technology while the modal is open.
    expect(
      await page
        .locator('#main')
        .evaluate((el) => Boolean(el.closest('[aria-hidden="true"]') ?? (el.closest('[inert]') as HTMLElement | null))),
    ).toBe(true);
    await screenshot(page, `ui-dialog-${language}`, { fullPage: false });

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });
}

test('a switch toggles with Space and the saved notice is announced in the notifications region', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'uiprim' });
  await login(page, tenant.admin.username, tenant.admin.password);
  await page.goto('/schedule');

  const enabled = page.getByRole('switch', { name: 'Calling enabled' });
  const before = await enabled.isChecked();
  await enabled.focus();
  await page.keyboard.press('Space');
  await expect(enabled).toBeChecked({ checked: !before });
  await page.keyboard.press('Space');
  await expect(enabled).toBeChecked({ checked: before });
  await page.keyboard.press('Space');
  await expect(enabled).toBeChecked({ checked: !before });

  await page.getByRole('button', { name: 'Save schedule' }).click();
  const region = page.getByRole('region', { name: 'Notifications' });
  const notice = region.getByRole('alert');
  await expect(notice).toHaveText('The schedule was saved (version 2).');
  await screenshot(page, 'ui-toast-en', { fullPage: false });
  // Dismissed by its own button, which has a name.
  await region.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(notice).toHaveCount(0);
});

test('row checkboxes toggle with Space; the page checkbox shows mixed when some rows are picked', async ({ page, request }) => {
  const tenant = await createTenant(request, { prefix: 'uicheck' });
  const base = `0935${100 + Math.floor(Math.random() * 900)}`;
  const added = await request.post('/api/numbers', {
    headers: bearer(tenant.adminToken),
    data: { numbers: Array.from({ length: 3 }, (_, i) => `${base}${String(i).padStart(4, '0')}`) },
  });
  expect(added.ok(), await added.text()).toBe(true);
  await login(page, tenant.admin.username, tenant.admin.password);
  await page.goto('/numbers');

  const first = page.getByRole('checkbox', { name: `Select ${base}0000` });
  const all = page.getByRole('checkbox', { name: 'Select all numbers on this page' });
  await first.focus();
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
  await page.keyboard.press('Space');
  await expect(first).not.toBeChecked();
  await all.focus();
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  await expect(all).toBeChecked();
  for (let i = 0; i < 3; i += 1) await expect(page.getByRole('checkbox', { name: `Select ${base}000${i}` })).toBeChecked();
});

test('the account menu opens from the keyboard, its items are menu items, and Log out signs out', async ({ page }) => {
  await login(page, ROOT.username, ROOT.password);
  const button = page.getByRole('button', { name: /^Account menu for / });
  await button.focus();

  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(['Profile', 'Log out']);
  await expect(menu.getByRole('menuitem', { name: 'Profile' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Profile' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Log out' })).toBeFocused();
  await screenshot(page, 'ui-menu-en', { fullPage: false });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('in Persian the account menu opens under its button and its profile item navigates within the app', async ({ page }) => {
  await login(page, ROOT.username, ROOT.password);
  await chooseLanguage(page, 'fa');
  await page.getByRole('button', { name: /^منوی حساب / }).click();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  // In RTL the menu's inline end (its left edge) lines up with the button's.
  const menuBox = await menu.boundingBox();
  const buttonBox = await page.getByRole('button', { name: /^منوی حساب / }).boundingBox();
  expect(Math.abs(menuBox!.x - buttonBox!.x)).toBeLessThan(3);
  await screenshot(page, 'ui-menu-fa', { fullPage: false });
  await menu.getByRole('menuitem', { name: 'نمایه' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(menu).toBeHidden();
});
