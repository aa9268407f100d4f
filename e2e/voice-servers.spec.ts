import { expect, test } from '@playwright/test';
import { acceptingServer, refusingServer, type LocalServer } from '../apps/api/test/ws-servers';
import { ROOT, chooseLanguage, login, openNav, screenshot, unique } from './e2e-helpers';

// Real WebSocket servers beside the app: the app's verification connects to them.
let accepting: LocalServer;
let refusing: LocalServer;
test.beforeAll(async () => {
  [accepting, refusing] = await Promise.all([acceptingServer(), refusingServer(403)]);
});
test.afterAll(async () => {
  await Promise.all([accepting.close(), refusing.close()]);
});

test('a superuser registers a voice server, verifies it by a real handshake and sees it verified', async ({ page }) => {
  const name = unique('voice-eu');
  const broken = unique('voice-broken');

  await login(page, ROOT.username, ROOT.password);
  await openNav(page, 'Voice servers');

  // The address is checked in the form, field by field.
  await page.getByRole('button', { name: 'Add voice server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add voice server' });
  await dialog.getByLabel('Name').fill(name);
  const url = dialog.getByLabel('WebSocket address');
  for (const bad of ['http://voice.example.com/stream', 'ws://169.254.169.254/latest']) {
    await url.fill(bad);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Use a ws:// or wss:// address that is not link-local')).toBeVisible();
  }
  await screenshot(page, 'voice-01-url-error', { fullPage: false });
  await url.fill(accepting.url);
  await dialog.getByLabel('Priority').fill('10');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Voice server ${name} was added.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Pending');
  await expect(row.getByText(accepting.url)).toHaveAttribute('dir', 'ltr');

  // Verify: the server process shakes hands with the spec's WebSocket server.
  await row.getByRole('button', { name: `Verify ${name}` }).click();
  await expect(page.getByText(`The handshake with ${name} succeeded: it is verified.`)).toBeVisible();
  await expect(row).toContainText('Verified');
  await expect(row).not.toContainText('Never');
  expect(accepting.connections()).toBeGreaterThan(0);

  // One that refuses the upgrade fails, and says why.
  await page.getByRole('button', { name: 'Add voice server' }).click();
  await dialog.getByLabel('Name').fill(broken);
  await dialog.getByLabel('WebSocket address').fill(refusing.url);
  await dialog.getByLabel('Priority').fill('20');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const brokenRow = page.getByRole('row', { name: new RegExp(broken) });
  await brokenRow.getByRole('button', { name: `Verify ${broken}` }).click();
  await expect(brokenRow).toContainText('Failed');
  await expect(brokenRow.getByTestId('voice-server-error')).toContainText('HTTP 403');

  // A name taken is an error on the name field.
  await page.getByRole('button', { name: 'Add voice server' }).click();
  await dialog.getByLabel('Name').fill(name.toUpperCase());
  await dialog.getByLabel('WebSocket address').fill(accepting.url);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('A voice server with this name already exists.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Priority order: the higher one is listed first.
  const rows = page.getByRole('row').filter({ hasText: /voice-(eu|broken)-/ });
  await expect(rows.first()).toContainText(broken);
  await screenshot(page, 'voice-02-list');

  // Delete asks first.
  await brokenRow.getByRole('button', { name: `Delete ${broken}` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this voice server?' });
  await confirm.getByRole('button', { name: 'Delete voice server' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`Voice server ${broken} was deleted.`)).toBeVisible();
  await expect(brokenRow).toHaveCount(0);
  await expect(row).toContainText('Verified');

  // In Hebrew the page turns right to left; the address still reads left to right.
  await chooseLanguage(page, 'he');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'שרתי קול' })).toBeVisible();
  await expect(row).toContainText('מאומת');
  await expect(row.getByText(accepting.url)).toHaveAttribute('dir', 'ltr');
  await screenshot(page, 'voice-03-list-he');
  await chooseLanguage(page, 'en');
});
