import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { DiagnosticsResponse } from '@dialdeck/contracts/dialer';
import { apiRequest } from '../../../lib/api-client';

export const diagnosticsKeys = {
  all: ['dialer-diagnostics'] as const,
  one: (company: string | undefined, campaignId: number | undefined) =>
    ['dialer-diagnostics', company ?? null, campaignId ?? null] as const,
};

export function diagnosticsQuery(company: string | undefined, campaignId: number | undefined) {
  return queryOptions({
    queryKey: diagnosticsKeys.one(company, campaignId),
    queryFn: ({ signal }) =>
      apiRequest('/api/dialer/diagnostics', { query: { campaign_id: campaignId, company }, schema: DiagnosticsResponse, signal }),
    // A snapshot of a moving pool: always ask again when the panel opens.
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export function useDiagnostics(company: string | undefined, campaignId: number | undefined) {
  return useQuery(diagnosticsQuery(company, campaignId));
}
