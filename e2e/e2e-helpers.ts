import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOT_DIR = path.resolve(here, '../test-results/e2e-screenshots');

export const ROOT = { username: 'root', password: 'root-pass-123' };

/** Unique per run and per call, so specs never collide on usernames or slugs. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** The whole page by default; `{ fullPage: false }` keeps a long list to what the viewport shows. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
}

/** The switcher's label is itself translated. */
export function languageSwitcher(page: Page) {
  return page.getByRole('combobox', { name: /^(Language|زبان|שפה)$/ });
}

export async function chooseLanguage(page: Page, language: 'fa' | 'he' | 'en'): Promise<void> {
  await languageSwitcher(page).selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Opens the login page in English and signs in. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await chooseLanguage(page, 'en');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu for / }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

export async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}
