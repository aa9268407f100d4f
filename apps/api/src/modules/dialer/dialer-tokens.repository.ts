import { PREPARED } from '../../db/client';
import { sql } from 'kysely';
import type { Db } from '../../db/client';
import { liveTokenCheck } from '../../db/shared-conditions';
import { tenantDb } from '../../db/tenant';
import type { CompanyRow } from '../../db/schema/database';

export interface DialerTokenRow {
  id: number;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

/** Whether the token is live now (liveTokenCheck on its own). The dialer's checks run it on the system path. */
export async function isTokenLive(db: Db, companyId: number, tokenId: number): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT ${liveTokenCheck(companyId, tokenId)} AS ok`.execute(db);
  return r.rows[0]!.ok;
}

/** Token management on the tenant path; the guard's lookup by hash (findLive) on the system path. */
export class DialerTokensRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  create(companyId: number, name: string, tokenHash: string): Promise<DialerTokenRow> {
    return this.tenant(companyId)
      .insertInto('dialer_tokens')
      .values({ company_id: companyId, name, token_hash: tokenHash })
      .returning(['id', 'name', 'created_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
  }

  list(companyId: number): Promise<DialerTokenRow[]> {
    return this.tenant(companyId)
      .selectFrom('dialer_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('company_id', '=', companyId)
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
  }

  async revoke(companyId: number, id: number): Promise<boolean> {
    const r = await this.tenant(companyId)
      .updateTable('dialer_tokens')
      .set({ revoked_at: sql`now()` })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * The live token with its company, in one round trip; last_used_at is refreshed at
   * most once a minute so a busy dialer does not write on every request. System path:
   * the company is what this finds out.
   */
  async findLive(tokenHash: string): Promise<{ tokenId: number; company: CompanyRow } | undefined> {
    const r = await sql<CompanyRow & { token_id: number }>`${sql.raw(PREPARED)}
      WITH t AS (
        SELECT id, company_id, last_used_at FROM dialer_tokens WHERE token_hash = ${tokenHash} AND revoked_at IS NULL
      ),
      touch AS (
        UPDATE dialer_tokens d SET last_used_at = now() FROM t
        WHERE d.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
      )
      SELECT t.id AS token_id, c.* FROM t JOIN companies c ON c.id = t.company_id WHERE c.is_active`.execute(this.db);
    const row = r.rows[0];
    if (!row) return undefined;
    const { token_id, ...company } = row;
    return { tokenId: token_id, company };
  }
}
