import type { Db } from '../../db/client';

/** Values generated once for the whole installation (not tenant data; system path, out of the tenant role's reach). */
export class InstanceSettingsRepository {
  constructor(private readonly db: Db) {}

  /** The stored value, or `generate()` stored now; when processes race, the first insert wins for all. */
  async getOrCreate(key: string, generate: () => string): Promise<string> {
    await this.db
      .insertInto('instance_settings')
      .values({ key, value: generate() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return row.value;
  }
}
