import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { NumbersSummaryResponse, type Timeframe } from '@dialdeck/contracts/stats';
import { apiRequest } from '../../../lib/api-client';
import { statsKeys } from './stats-keys';

/** The pool's current statuses (`all`) or the numbers whose status was set inside the timeframe. */
export function numbersSummaryQuery(timeframe: Timeframe, campaignId: number | undefined, company: string | undefined) {
  return queryOptions({
    queryKey: statsKeys.numbersSummary(timeframe, campaignId, company),
    queryFn: ({ signal }) =>
      apiRequest('/api/stats/numbers-summary', {
        query: { timeframe, campaign_id: campaignId, company },
        schema: NumbersSummaryResponse,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useNumbersSummary(timeframe: Timeframe, campaignId: number | undefined, company: string | undefined) {
  return useQuery(numbersSummaryQuery(timeframe, campaignId, company));
}
