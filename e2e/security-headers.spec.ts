import { expect, test, type Page } from '@playwright/test';
import { ROOT, login, screenshot } from './e2e-helpers';

/** Every CSP violation the page reports, from the DOM event and from the console. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|unsafe-eval/i.test(e.message)) seen.push(e.message);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  return seen;
}

test('the built web app runs under its Content-Security-Policy without a single violation', async ({ page }) => {
  const violations = watchViolations(page);
  const home = await page.goto('/login');
  const csp = home!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  await login(page, ROOT.username, ROOT.password);
  // The pages with the most moving parts: lists, forms, dialogs, charts.
  for (const path of ['/numbers', '/users', '/schedule', '/companies', '/home']) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  }
  await screenshot(page, 'security-headers-home');
  expect(violations).toEqual([]);
});

test('the API reference at /api/docs renders under its own policy, with scripts still from this origin only', async ({ page }) => {
  const violations = watchViolations(page);
  const docs = await page.goto('/api/docs');
  expect(docs!.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByText('Dialdeck API').first()).toBeVisible();
  await page.getByText('/api/health').first().click();
  await expect(page.getByText('Try it out').first()).toBeVisible();
  await screenshot(page, 'security-headers-docs', { fullPage: false });
  expect(violations).toEqual([]);
});
