import { expect, test, type Page } from '@playwright/test';
import { ROOT, chooseLanguage, login, openNav, screenshot } from './e2e-helpers';

/** The built app's JavaScript chunks a page has downloaded so far: file name → decoded bytes. */
function recordScripts(page: Page): Map<string, number> {
  const scripts = new Map<string, number>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/assets/') || !url.pathname.endsWith('.js')) return;
    void response.body().then(
      (body) => scripts.set(url.pathname.slice('/assets/'.length), body.length),
      () => scripts.set(url.pathname.slice('/assets/'.length), 0),
    );
  });
  return scripts;
}

/** The chunks of the signed-in layout and pages (apps/web/src/app/router.tsx splits them by route). */
const SIGNED_IN_CHUNK = /^(app-shell\.lazy|numbers\.lazy|users\.lazy|schedule\.lazy|dialer\.lazy|home-page|companies-page|profile-page)-/;
/** The whole app was about 1.2 MB of JavaScript before it was split; the login page needs about half. */
const LOGIN_JS_BUDGET = 700 * 1024;

const names = (scripts: Map<string, number>) => [...scripts.keys()];

test('the login page loads only what it needs; signing in and switching language load the rest', async ({ page }) => {
  const scripts = recordScripts(page);

  await page.goto('/login');
  await expect(page.getByLabel('نام کاربری')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(names(scripts).some((n) => n.startsWith('login.lazy-'))).toBe(true);
  expect(names(scripts).filter((n) => SIGNED_IN_CHUNK.test(n))).toEqual([]);
  // Only the page's language: Persian, none of the other catalogues.
  expect(names(scripts).some((n) => n.startsWith('fa-messages-'))).toBe(true);
  expect(names(scripts).filter((n) => /^(en|he)-messages-/.test(n))).toEqual([]);
  const loginBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
  expect(loginBytes).toBeGreaterThan(0);
  expect(loginBytes).toBeLessThan(LOGIN_JS_BUDGET);

  // Signing in (the helper switches to English first) loads the shell, and then the numbers page.
  await login(page, ROOT.username, ROOT.password);
  expect(names(scripts).some((n) => n.startsWith('en-messages-'))).toBe(true);
  expect(names(scripts).some((n) => n.startsWith('app-shell.lazy-'))).toBe(true);
  await openNav(page, 'Numbers');
  expect(names(scripts).some((n) => n.startsWith('numbers.lazy-'))).toBe(true);
  await expect(page.getByPlaceholder('Phone digits')).toBeVisible();

  // Hebrew has not been needed so far; choosing it loads its catalogue and the page follows.
  expect(names(scripts).filter((n) => n.startsWith('he-messages-'))).toEqual([]);
  await chooseLanguage(page, 'he');
  await expect(page.getByRole('heading', { level: 1, name: 'מספרים' })).toBeVisible();
  expect(names(scripts).some((n) => n.startsWith('he-messages-'))).toBe(true);
  await screenshot(page, 'first-load-numbers-he');
});

test('a stale token on a signed-in page lands on the login page, which says the session expired', async ({ page }) => {
  await page.goto('/login');
  await page.evaluate(() => localStorage.setItem('dialdeck.access_token', 'not-a-valid-token'));
  await page.goto('/numbers');
  await expect(page).toHaveURL(/\/login\?/);
  expect(new URL(page.url()).searchParams.get('reason')).toBe('expired');
  expect(new URL(page.url()).searchParams.get('redirect')).toBe('/numbers');
  await expect(page.getByText('نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.')).toBeVisible();
});
