import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ListNumbersResponse, type NumberFilter } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import type { SortKey, SortOrder } from '../numbers-search';

export interface NumbersListParams {
  filter: NumberFilter;
  sort_by: SortKey;
  sort_order: SortOrder;
  skip: number;
  limit: number;
  /** A superuser's company=<slug>; absent means the caller's own company. */
  company?: string;
}

export const numbersKeys = {
  all: ['numbers'] as const,
  list: (params: NumbersListParams) => ['numbers', 'list', params] as const,
  count: (filter: NumberFilter, company: string | undefined) => ['numbers', 'count', filter, company] as const,
};

export function numbersListQuery(params: NumbersListParams) {
  return queryOptions({
    queryKey: numbersKeys.list(params),
    queryFn: ({ signal }) =>
      apiRequest('/api/numbers', {
        query: {
          ...params.filter,
          sort_by: params.sort_by,
          sort_order: params.sort_order,
          skip: params.skip,
          limit: params.limit,
          company: params.company,
        },
        schema: ListNumbersResponse,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useNumbersList(params: NumbersListParams) {
  return useQuery(numbersListQuery(params));
}
