import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListCompaniesResponse } from '@dialdeck/contracts/companies';
import { apiRequest } from '../../../lib/api-client';

export const companiesKeys = {
  all: ['companies'] as const,
  list: ['companies', 'list'] as const,
};

export function companiesListQuery() {
  return queryOptions({
    queryKey: companiesKeys.list,
    queryFn: ({ signal }) => apiRequest('/api/companies', { schema: ListCompaniesResponse, signal }),
  });
}

export function useCompaniesList() {
  return useQuery(companiesListQuery());
}
