import type { CreateCompanyRequest, UpdateCompanyRequest } from '@dialdeck/contracts/companies';
import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { AppError, notFound, uniqueViolation } from '../../lib/errors';
import { can } from '../../lib/permissions';
import type { CompaniesRepository } from './companies.repository';
import { effectiveSettings, localeDefaults } from './company-defaults';

export class CompaniesService {
  constructor(private readonly companies: CompaniesRepository) {}

  /**
   * How long after anyone's call a number rests before this company may be handed it:
   * the one place the cooldown's length is decided (the comparison is dd_cooling_down,
   * migration 0014).
   */
  /** The company's settings with the locale's defaults filled in (the cost of a connected call, its currency, the cooldown). */
  settingsOf(company: CompanyRow) {
    return effectiveSettings(company.settings, company.locale);
  }

  cooldownMs(company: CompanyRow): number {
    return effectiveSettings(company.settings, company.locale).cooldown_days * 86_400_000;
  }

  list(): Promise<CompanyRow[]> {
    return this.companies.list();
  }

  async get(id: number): Promise<CompanyRow> {
    const c = await this.companies.findById(id);
    if (!c) throw notFound('Company not found.');
    return c;
  }

  /**
   * The company a user route acts on: the caller's own, or for a superuser the one
   * `company=<slug>` names. Anyone else naming another company gets 404, as if it
   * did not exist.
   */
  async resolveScope(principal: Principal, companySlug: string | undefined): Promise<CompanyRow> {
    if (!companySlug || companySlug.toLowerCase() === principal.company.name) return principal.company;
    if (!can(principal.user, 'companies.act-in-any')) throw notFound(`Company "${companySlug}" not found.`);
    return this.getByName(companySlug);
  }

  /** The company a `company=<slug>` names; 404 when there is none. */
  async getByName(name: string): Promise<CompanyRow> {
    const c = await this.companies.findByName(name.toLowerCase());
    if (!c) throw notFound(`Company "${name}" not found.`);
    return c;
  }

  async create(input: CreateCompanyRequest): Promise<CompanyRow> {
    const locale = input.locale ?? 'fa';
    const d = localeDefaults(locale);
    try {
      return await this.companies.insert({
        name: input.name,
        display_name: input.display_name,
        locale,
        timezone: input.timezone ?? d.timezone,
        default_region: input.default_region ?? d.default_region,
        calendar: input.calendar ?? d.calendar,
        settings: effectiveSettings(input.settings ?? {}, locale),
      });
    } catch (e) {
      throw this.conflict(e);
    }
  }

  async update(id: number, input: UpdateCompanyRequest): Promise<CompanyRow> {
    const current = await this.get(id);
    const settings = input.settings ? { ...effectiveSettings(current.settings, current.locale), ...input.settings } : undefined;
    try {
      const updated = await this.companies.update(id, { ...input, settings });
      if (!updated) throw notFound('Company not found.');
      return updated;
    } catch (e) {
      throw this.conflict(e);
    }
  }

  /** Creates the company named by a slug unless it exists (first start, CLI). */
  async ensure(name: string): Promise<CompanyRow> {
    const existing = await this.companies.findByName(name);
    if (existing) return existing;
    try {
      return await this.create({ name, display_name: name });
    } catch (e) {
      const again = await this.companies.findByName(name);
      if (again) return again;
      throw e;
    }
  }

  private conflict(e: unknown): unknown {
    if (uniqueViolation(e) === 'companies_name_key') {
      return new AppError('CONFLICT', 'A company with this name already exists.', {
        fields: { name: 'already exists' },
      });
    }
    return e;
  }
}
