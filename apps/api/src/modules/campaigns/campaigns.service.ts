import type { Tx } from '../../db/client';
import type { CampaignResponse, ListCampaignsQuery } from '@dialdeck/contracts/campaigns';
import type { CompanyRow } from '../../db/schema/database';
import { toZonedIso } from '../../lib/time';
import type { CampaignsRepository } from './campaigns.repository';

/**
 * What other modules may ask of campaigns (next-batch checks a campaign exists, an
 * upload adds its numbers as members). Campaign management itself arrives with its
 * own capability.
 */
export class CampaignsService {
  constructor(private readonly repo: CampaignsRepository) {}

  /** The company's campaigns for pickers and (later) the campaigns page, times in the company's zone. */
  async list(scope: CompanyRow, q: Pick<ListCampaignsQuery, 'status' | 'skip' | 'limit'>): Promise<CampaignResponse[]> {
    const rows = await this.repo.list(scope.id, { status: q.status }, q.skip, q.limit);
    return rows.map((r) => ({
      ...r,
      created_at: toZonedIso(r.created_at, scope.timezone),
      updated_at: toZonedIso(r.updated_at, scope.timezone),
    }));
  }

  exists(companyId: number, campaignId: number): Promise<boolean> {
    return this.repo.exists(companyId, campaignId);
  }

  /** Joins the caller's transaction: the members arrive with the numbers they belong to, or not at all. */
  addMembers(tx: Tx, companyId: number, campaignId: number, numberIds: number[]): Promise<number> {
    return this.repo.addMembers(tx, companyId, campaignId, numberIds);
  }
}
