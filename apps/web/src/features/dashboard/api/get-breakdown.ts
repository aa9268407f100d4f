import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { BreakdownResponse, type BreakdownBy, type Timeframe } from '@dialdeck/contracts/stats';
import { apiRequest } from '../../../lib/api-client';
import { statsKeys } from './stats-keys';

/** Attempts inside the timeframe per campaign, agent, line or scenario. */
export function breakdownQuery(by: BreakdownBy, timeframe: Timeframe, campaignId: number | undefined, company: string | undefined) {
  return queryOptions({
    queryKey: statsKeys.breakdown(by, timeframe, campaignId, company),
    queryFn: ({ signal }) =>
      apiRequest('/api/stats/breakdown', {
        query: { by, timeframe, campaign_id: campaignId, company },
        schema: BreakdownResponse,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useBreakdown(by: BreakdownBy, timeframe: Timeframe, campaignId: number | undefined, company: string | undefined) {
  return useQuery(breakdownQuery(by, timeframe, campaignId, company));
}
