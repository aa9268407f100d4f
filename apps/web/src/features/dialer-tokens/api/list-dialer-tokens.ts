import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListDialerTokensResponse } from '@dialdeck/contracts/dialer';
import { apiRequest } from '../../../lib/api-client';

export const dialerTokensKeys = {
  all: ['dialer-tokens'] as const,
  list: (company: string | undefined) => ['dialer-tokens', 'list', company ?? null] as const,
};

export function dialerTokensQuery(company: string | undefined) {
  return queryOptions({
    queryKey: dialerTokensKeys.list(company),
    queryFn: ({ signal }) => apiRequest('/api/dialer/tokens', { query: { company }, schema: ListDialerTokensResponse, signal }),
    // "Last used" moves whenever a dialer calls in.
    staleTime: 0,
  });
}

export function useDialerTokens(company: string | undefined) {
  return useQuery(dialerTokensQuery(company));
}
