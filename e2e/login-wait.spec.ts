import { expect, test } from '@playwright/test';
import { chooseLanguage, screenshot, unique } from './e2e-helpers';

// An unknown username is throttled like a real one (the pair address|username), so
// this spec never locks out an account another spec signs in with.
test('after too many failed sign-ins the login page says how long to wait, in the page language', async ({ page }) => {
  const username = unique('ghost');
  await page.goto('/login');
  await chooseLanguage(page, 'fa');

  const usernameField = page.locator('input[autocomplete="username"]');
  const password = page.locator('input[autocomplete="current-password"]');
  const submit = page.getByRole('button', { name: 'ورود' });
  await usernameField.fill(username);
  await password.fill('wrong-password');

  for (let i = 0; i < 5; i++) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await submit.click();
    expect((await answer).status()).toBe(401);
  }
  const limited = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await submit.click();
  const response = await limited;
  expect(response.status()).toBe(429);
  const retryAfter = Number(response.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(14 * 60);

  // The whole window is left: fifteen minutes, in Persian digits and words.
  const wait = page.getByTestId('login-wait');
  await expect(wait).toContainText('۱۵ دقیقه');
  await expect(wait).not.toContainText(/[0-9]/);
  await screenshot(page, 'login-wait-fa');

  await chooseLanguage(page, 'he');
  await expect(wait).toContainText('15 דקות');
  await screenshot(page, 'login-wait-he');

  await chooseLanguage(page, 'en');
  await expect(wait).toHaveText('Too many failed sign-in attempts. You can try again in 15 minutes.');
  await screenshot(page, 'login-wait-en');
});
