import type { CompanySettings } from '@dialdeck/contracts/companies';
import type { Calendar, Locale } from '@dialdeck/contracts/common';
import type { StoredCompanySettings } from '../../db/schema/database';

interface LocaleDefaults {
  timezone: string;
  default_region: string;
  calendar: Calendar;
  currency: string;
}

/** What a new company gets for whatever it leaves out, by its locale. */
const BY_LOCALE: Record<Locale, LocaleDefaults> = {
  fa: { timezone: 'Asia/Tehran', default_region: 'IR', calendar: 'jalali', currency: 'IRR' },
  he: { timezone: 'Asia/Jerusalem', default_region: 'IL', calendar: 'gregorian', currency: 'ILS' },
  en: { timezone: 'UTC', default_region: 'US', calendar: 'gregorian', currency: 'USD' },
};

export const DEFAULT_COOLDOWN_DAYS = 3;
/** Line resting is off by default; when an admin turns it on, these are the window and the rest. */
export const DEFAULT_LINE_REST_HOURS = 24;
export const DEFAULT_LINE_REST_WINDOW_CALLS = 100;

export function localeDefaults(locale: Locale): LocaleDefaults {
  return BY_LOCALE[locale];
}

/** Stored settings may be partial (older rows, partial updates); readers always see every key. */
export function effectiveSettings(stored: StoredCompanySettings, locale: Locale): CompanySettings {
  return {
    cost_per_connected: stored.cost_per_connected ?? 0,
    currency: stored.currency ?? BY_LOCALE[locale].currency,
    cooldown_days: stored.cooldown_days ?? DEFAULT_COOLDOWN_DAYS,
    line_rest_below_connect_rate: stored.line_rest_below_connect_rate ?? null,
    line_rest_hours: stored.line_rest_hours ?? DEFAULT_LINE_REST_HOURS,
    line_rest_window_calls: stored.line_rest_window_calls ?? DEFAULT_LINE_REST_WINDOW_CALLS,
  };
}
