import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js/min';
import { Calendar, Locale, Slug, Timestamp, displayText, RowId } from './common';

export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Tehran');

export const Region = z
  .string()
  .trim()
  .toUpperCase()
  .refine((r) => /^[A-Z]{2}$/.test(r) && isSupportedCountry(r), 'a two-letter phone region such as IR, IL or IN');

export const CompanySettings = z.object({
  cost_per_connected: z.number().min(0).max(1e12),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'a three-letter currency code such as IRR'),
  cooldown_days: z.number().int().min(0).max(365),
  /** Rest a line whose connect rate over its last `line_rest_window_calls` calls falls below this (0..1); null: never. */
  line_rest_below_connect_rate: z.number().min(0).max(1).nullable(),
  line_rest_hours: z.number().int().min(1).max(720),
  line_rest_window_calls: z.number().int().min(10).max(1000),
});
export type CompanySettings = z.infer<typeof CompanySettings>;

export const CompanyResponse = z.object({
  id: RowId,
  name: z.string(),
  display_name: z.string(),
  is_active: z.boolean(),
  timezone: z.string(),
  locale: Locale,
  default_region: z.string(),
  calendar: Calendar,
  settings: CompanySettings,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CompanyResponse = z.infer<typeof CompanyResponse>;

export const ListCompaniesResponse = z.object({ items: z.array(CompanyResponse) });
export type ListCompaniesResponse = z.infer<typeof ListCompaniesResponse>;

const DisplayName = displayText(200, { min: 1 });

export const CreateCompanyRequest = z.strictObject({
  name: Slug,
  display_name: DisplayName,
  timezone: TimeZone.optional(),
  locale: Locale.optional(),
  default_region: Region.optional(),
  calendar: Calendar.optional(),
  settings: CompanySettings.partial().optional(),
});
export type CreateCompanyRequest = z.infer<typeof CreateCompanyRequest>;

export const UpdateCompanyRequest = z.strictObject({
  name: Slug.optional(),
  display_name: DisplayName.optional(),
  timezone: TimeZone.optional(),
  locale: Locale.optional(),
  default_region: Region.optional(),
  calendar: Calendar.optional(),
  settings: CompanySettings.partial().optional(),
  is_active: z.boolean().optional(),
});
export type UpdateCompanyRequest = z.infer<typeof UpdateCompanyRequest>;
