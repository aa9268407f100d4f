import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { notFound } from '../../lib/errors';
import type { CompaniesService } from './companies.service';

/**
 * The company a user route acts on: the caller's own, or for a superuser the one
 * `company=<slug>` names. Anyone else naming another company gets 404, as if it
 * did not exist.
 */
export async function resolveScope(
  principal: Principal,
  companySlug: string | undefined,
  companies: CompaniesService,
): Promise<CompanyRow> {
  if (!companySlug || companySlug.toLowerCase() === principal.company.name) return principal.company;
  if (!principal.user.is_superuser) throw notFound(`Company "${companySlug}" not found.`);
  return companies.getByName(companySlug);
}
