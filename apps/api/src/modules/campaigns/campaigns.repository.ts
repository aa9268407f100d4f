import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';
import type { Database } from '../../db/schema/database';

type Executor = Db | Transaction<Database>;

export interface CampaignListRow {
  id: number;
  name: string;
  description: string | null;
  status: 'active' | 'paused' | 'archived';
  member_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Campaign rows and membership; campaign management itself arrives with its own capability. Tenant path. */
export class CampaignsRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  async exists(companyId: number, campaignId: number): Promise<boolean> {
    const r = await this.tenant(companyId)
      .selectFrom('campaigns')
      .select('id')
      .where('company_id', '=', companyId)
      .where('id', '=', campaignId)
      .executeTakeFirst();
    return !!r;
  }

  /** A page of the company's campaigns, newest first; members counted for that page only. */
  async list(companyId: number, filter: { status?: CampaignListRow['status'] }, skip: number, limit: number): Promise<CampaignListRow[]> {
    const r = await sql<CampaignListRow>`
      SELECT c.id, c.name, c.description, c.status, m.n AS member_count, c.created_at, c.updated_at
      FROM (
        SELECT * FROM campaigns
        WHERE company_id = ${companyId} ${filter.status ? sql`AND status = ${filter.status}` : sql``}
        ORDER BY id DESC OFFSET ${skip} LIMIT ${limit}
      ) c
      CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM campaign_members WHERE campaign_id = c.id) m
      ORDER BY c.id DESC`.execute(this.tenant(companyId));
    return r.rows.map((row) => ({ ...row, member_count: Number(row.member_count) }));
  }

  async create(companyId: number, name: string): Promise<{ id: number }> {
    return this.tenant(companyId).insertInto('campaigns').values({ company_id: companyId, name }).returning('id').executeTakeFirstOrThrow();
  }

  /** Adds members (already existing memberships are kept); the campaign must be the company's. On the caller's `tx`. */
  async addMembers(tx: Executor, companyId: number, campaignId: number, numberIds: number[], chunkSize = 20_000): Promise<number> {
    let added = 0;
    for (let i = 0; i < numberIds.length; i += chunkSize) {
      // New members behind the campaign walk's cursor are parked as ready so the dialer still finds them.
      const r = await sql<{ n: number }>`
        WITH ins AS (
          INSERT INTO campaign_members (campaign_id, number_id)
          SELECT c.id, x FROM campaigns c, unnest(${numberIds.slice(i, i + chunkSize)}::int[]) AS x
          WHERE c.id = ${campaignId} AND c.company_id = ${companyId}
          ON CONFLICT DO NOTHING RETURNING number_id
        ),
        parked AS (
          INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
          SELECT ${companyId}, ${campaignId}, ins.number_id, 'epoch'::timestamptz
          FROM ins JOIN dialer_lanes l ON l.company_id = ${companyId} AND l.campaign_key = ${campaignId}
            AND l.lane = dd_lane(ins.number_id) AND ins.number_id <= l.next_id
          ON CONFLICT (company_id, campaign_key, number_id) DO NOTHING
        )
        SELECT count(*)::int AS n FROM ins`.execute(tx);
      added += Number(r.rows[0]!.n);
    }
    return added;
  }
}
