import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { AttemptTrendResponse, type TrendGranularity, type TrendSpan } from '@dialdeck/contracts/stats';
import { apiRequest } from '../../../lib/api-client';
import { statsKeys } from './stats-keys';

/** Attempts per local hour or day of the span, every bucket present, oldest first. */
export function attemptTrendQuery(
  span: TrendSpan,
  granularity: TrendGranularity,
  campaignId: number | undefined,
  company: string | undefined,
) {
  return queryOptions({
    queryKey: statsKeys.attemptTrend(span, granularity, campaignId, company),
    queryFn: ({ signal }) =>
      apiRequest('/api/stats/attempt-trend', {
        query: { span, granularity, campaign_id: campaignId, company },
        schema: AttemptTrendResponse,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useAttemptTrend(
  span: TrendSpan,
  granularity: TrendGranularity,
  campaignId: number | undefined,
  company: string | undefined,
) {
  return useQuery(attemptTrendQuery(span, granularity, campaignId, company));
}
