import { z } from 'zod';
import { CompanyScopeQuery, Count, PaginationQuery, RowId, Timestamp, paged } from './common';

export const CampaignStatus = z.enum(['active', 'paused', 'archived']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const ListCampaignsQuery = PaginationQuery.extend(CompanyScopeQuery.shape).extend({
  status: CampaignStatus.optional(),
});
export type ListCampaignsQuery = z.infer<typeof ListCampaignsQuery>;

/**
 * A campaign in the list (API.md "Campaigns"), the fields the campaigns table holds so far;
 * scenario, lines and call statistics join it with the campaign management issue.
 */
export const CampaignResponse = z.object({
  id: RowId,
  name: z.string(),
  description: z.string().nullable(),
  status: CampaignStatus,
  member_count: Count,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CampaignResponse = z.infer<typeof CampaignResponse>;

export const ListCampaignsResponse = paged(CampaignResponse);
export type ListCampaignsResponse = z.infer<typeof ListCampaignsResponse>;
