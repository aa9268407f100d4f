import type { Tx } from '../../db/client';
import type { CampaignsRepository } from './campaigns.repository';

/**
 * What other modules may ask of campaigns (next-batch checks a campaign exists, an
 * upload adds its numbers as members). Campaign management itself arrives with its
 * own capability.
 */
export class CampaignsService {
  constructor(private readonly repo: CampaignsRepository) {}

  exists(companyId: number, campaignId: number): Promise<boolean> {
    return this.repo.exists(companyId, campaignId);
  }

  /** Joins the caller's transaction: the members arrive with the numbers they belong to, or not at all. */
  addMembers(tx: Tx, companyId: number, campaignId: number, numberIds: number[]): Promise<number> {
    return this.repo.addMembers(tx, companyId, campaignId, numberIds);
  }
}
