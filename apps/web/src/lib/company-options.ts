import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListCompaniesResponse } from '@dialdeck/contracts/companies';
import { apiRequest } from './api-client';

/**
 * The superuser's company selector. Its key sits under ['companies'] so that
 * creating or editing a company (which invalidates that prefix) refreshes it.
 */
export function companyOptionsQuery() {
  return queryOptions({
    queryKey: ['companies', 'options'] as const,
    queryFn: ({ signal }) => apiRequest('/api/companies', { schema: ListCompaniesResponse, signal }),
    staleTime: 60_000,
  });
}

export function useCompanyOptions(enabled: boolean) {
  return useQuery({ ...companyOptionsQuery(), enabled });
}
