import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListCampaignsResponse } from '@dialdeck/contracts/campaigns';
import { apiRequest } from '../../../lib/api-client';

/** The campaign filter's choices (the list's largest page); the same key as the dialer page's picker, so they share the cache. */
export function campaignOptionsQuery(company: string | undefined) {
  return queryOptions({
    queryKey: ['campaigns', 'options', company ?? null] as const,
    queryFn: ({ signal }) => apiRequest('/api/campaigns', { query: { limit: 500, company }, schema: ListCampaignsResponse, signal }),
    staleTime: 60_000,
  });
}

export function useCampaignOptions(company: string | undefined) {
  return useQuery(campaignOptionsQuery(company));
}
