import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import { ROOT } from './e2e-helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.resolve(here, '../test-results/axe-sweep');

const LOCALES = ['fa', 'he', 'en'] as const;
const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

/** Every page a person reaches; `ready` is what shows once its data has loaded. */
const PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: 'login', path: '/login', signedIn: false },
  { name: 'home', path: '/', signedIn: true },
  { name: 'dashboard', path: '/dashboard', signedIn: true },
  { name: 'numbers', path: '/numbers', signedIn: true },
  { name: 'schedule', path: '/schedule', signedIn: true },
  { name: 'users', path: '/users', signedIn: true },
  { name: 'companies', path: '/companies', signedIn: true },
  { name: 'profile', path: '/profile', signedIn: true },
  { name: 'dialer', path: '/dialer', signedIn: true },
  { name: 'lines', path: '/lines', signedIn: true },
  { name: 'voice-servers', path: '/voice-servers', signedIn: true },
  { name: 'not-found', path: '/no-such-page', signedIn: false },
];

async function rootToken(browser: Browser, baseURL: string): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const r = await context.request.post('/api/auth/login', { data: ROOT });
  expect(r.status()).toBe(200);
  const { access_token } = (await r.json()) as { access_token: string };
  await context.close();
  return access_token;
}

// One superuser token for the whole sweep: signing in 50 times would meet the login throttle.
let token = '';
test.beforeAll(async ({ browser, baseURL }) => {
  token = await rootToken(browser, baseURL!);
  fs.mkdirSync(SHOTS, { recursive: true });
});

for (const page of PAGES) {
  for (const locale of LOCALES) {
    for (const size of WIDTHS) {
      test(`axe: ${page.name} in ${locale} at ${size.width}px has no serious or critical violation`, async ({ browser, baseURL }) => {
        // A fresh context per page keeps the browser's memory flat across 54 pages.
        const context = await browser.newContext({ baseURL, viewport: { width: size.width, height: size.height } });
        try {
          await context.addInitScript(
            ({ language, access }) => {
              localStorage.setItem('dialdeck.language', language);
              if (access) localStorage.setItem('dialdeck.access_token', access);
            },
            { language: locale, access: page.signedIn ? token : '' },
          );
          const tab = await context.newPage();
          await tab.goto(page.path);
          await expect(tab.locator('html')).toHaveAttribute('lang', locale);
          await expect(tab.locator('main')).toBeVisible();
          await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
          // Loading placeholders gone, so axe sees the page as a person does.
          await expect(tab.locator('[aria-busy="true"]')).toHaveCount(0);
          await tab.screenshot({ path: path.join(SHOTS, `${page.name}-${locale}-${size.name}.png`), fullPage: true });

          const results = await new AxeBuilder({ page: tab })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
            .analyze();
          const serious = results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          expect(serious, `${page.path} (${locale}, ${size.width}px)`).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
}
