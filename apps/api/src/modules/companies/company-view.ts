import type { CompanyResponse } from '@dialdeck/contracts/companies';
import type { CompanyRow } from '../../db/schema/database';
import { toZonedIso } from '../../lib/time';
import { effectiveSettings } from './company-defaults';

export function companyView(c: CompanyRow): CompanyResponse {
  return {
    id: c.id,
    name: c.name,
    display_name: c.display_name,
    is_active: c.is_active,
    timezone: c.timezone,
    locale: c.locale,
    default_region: c.default_region,
    calendar: c.calendar,
    settings: effectiveSettings(c.settings, c.locale),
    created_at: toZonedIso(c.created_at, c.timezone),
    updated_at: toZonedIso(c.updated_at, c.timezone),
  };
}
