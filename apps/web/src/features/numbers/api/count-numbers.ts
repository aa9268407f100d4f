import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { CountNumbersResponse, type NumberFilter } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

/** How many numbers match the filter: the "of N" of the pager and the "select all N" of the banner. */
export function numbersCountQuery(filter: NumberFilter, company: string | undefined) {
  return queryOptions({
    queryKey: numbersKeys.count(filter, company),
    queryFn: ({ signal }) => apiRequest('/api/numbers/stats', { query: { ...filter, company }, schema: CountNumbersResponse, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNumbersCount(filter: NumberFilter, company: string | undefined) {
  return useQuery(numbersCountQuery(filter, company));
}
