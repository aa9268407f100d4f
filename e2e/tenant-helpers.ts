import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ROOT, screenshot, unique } from './e2e-helpers';

export interface Tenant {
  slug: string;
  displayName: string;
  admin: { username: string; password: string };
  adminToken: string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * A fresh company with one admin, so a spec owns its schedule, holidays and tokens
 * (each starts at version 1, with no windows and no tokens).
 */
export async function createTenant(
  request: APIRequestContext,
  options: { prefix: string; locale?: 'fa' | 'he' | 'en'; calendar?: 'jalali' | 'gregorian' | 'hebrew' },
): Promise<Tenant> {
  const rootToken = await apiLogin(request, ROOT.username, ROOT.password);
  const slug = unique(options.prefix);
  const displayName = `Tenant ${slug.slice(options.prefix.length + 1)}`;
  const company = await request.post('/api/companies', {
    headers: bearer(rootToken),
    data: {
      name: slug,
      display_name: displayName,
      locale: options.locale ?? 'en',
      timezone: 'Asia/Tehran',
      default_region: 'IR',
      calendar: options.calendar ?? 'jalali',
    },
  });
  expect(company.status(), await company.text()).toBe(201);
  const { id: companyId } = (await company.json()) as { id: number };

  const admin = { username: unique(`${options.prefix}-admin`), password: 'admin-pass-123' };
  const created = await request.post('/api/admins', {
    headers: bearer(rootToken),
    data: { ...admin, role: 'ADMIN', first_name: 'Dana', company_id: companyId },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { slug, displayName, admin, adminToken: await apiLogin(request, admin.username, admin.password) };
}

/** A full-page screenshot from the top: taken while scrolled, the sticky header and sidebar would land mid-page. */
export async function fullScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}
