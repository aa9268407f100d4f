import { sql } from 'kysely';
import type { Db } from '../../db/client';
import type { CompanyRow, NewCompanyRow, StoredCompanySettings } from '../../db/schema/database';

export interface CompanyPatch {
  name?: string;
  display_name?: string;
  is_active?: boolean;
  timezone?: string;
  locale?: CompanyRow['locale'];
  default_region?: string;
  calendar?: CompanyRow['calendar'];
  settings?: StoredCompanySettings;
}

/**
 * Companies are the tenants themselves, so this is the one repository whose
 * methods do not take a company id first. System path: the list is the superuser's,
 * and a lookup by id is how a request learns its company.
 */
export class CompaniesRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<CompanyRow[]> {
    return this.db.selectFrom('companies').selectAll().orderBy('id').execute();
  }

  findById(id: number): Promise<CompanyRow | undefined> {
    return this.db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<CompanyRow | undefined> {
    return this.db.selectFrom('companies').selectAll().where('name', '=', name).executeTakeFirst();
  }

  insert(row: Omit<NewCompanyRow, 'settings'> & { settings: StoredCompanySettings }): Promise<CompanyRow> {
    return this.db
      .insertInto('companies')
      .values({ ...row, settings: JSON.stringify(row.settings) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(id: number, patch: CompanyPatch): Promise<CompanyRow | undefined> {
    const { settings, ...rest } = patch;
    return this.db
      .updateTable('companies')
      .set({ ...rest, ...(settings ? { settings: JSON.stringify(settings) } : {}), updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }
}
