import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { AttemptsSummaryResponse, type Timeframe } from '@dialdeck/contracts/stats';
import { apiRequest } from '../../../lib/api-client';
import { statsKeys } from './stats-keys';

/** Call attempts inside the timeframe by status, with their cost. */
export function attemptsSummaryQuery(timeframe: Timeframe, campaignId: number | undefined, company: string | undefined) {
  return queryOptions({
    queryKey: statsKeys.attemptsSummary(timeframe, campaignId, company),
    queryFn: ({ signal }) =>
      apiRequest('/api/stats/attempts-summary', {
        query: { timeframe, campaign_id: campaignId, company },
        schema: AttemptsSummaryResponse,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useAttemptsSummary(timeframe: Timeframe, campaignId: number | undefined, company: string | undefined) {
  return useQuery(attemptsSummaryQuery(timeframe, campaignId, company));
}
