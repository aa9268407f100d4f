import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { ListNumberHistoryResponse } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export const HISTORY_PAGE_SIZE = 20;

export const numberHistoryKeys = {
  one: (id: number, company: string | undefined) => [...numbersKeys.all, 'history', id, company ?? null] as const,
};

/** A number's detail and its call results, page by page (keyset: each page names the next). */
export function numberHistoryQuery(id: number, company: string | undefined) {
  return infiniteQueryOptions({
    // Under numbersKeys.all: a status change or reset of the number refreshes its history too.
    queryKey: numberHistoryKeys.one(id, company),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(`/api/numbers/${id}/history`, {
        query: { cursor: pageParam ?? undefined, limit: HISTORY_PAGE_SIZE, company },
        schema: ListNumberHistoryResponse,
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useNumberHistory(id: number | null, company: string | undefined) {
  return useInfiniteQuery({ ...numberHistoryQuery(id ?? 0, company), enabled: id !== null });
}
