import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ListHolidaysResponse } from '@dialdeck/contracts/schedule';
import { apiRequest } from '../../../lib/api-client';
import { scheduleKeys } from './get-schedule';

export function holidaysQuery(company: string | undefined, year: number) {
  return queryOptions({
    queryKey: scheduleKeys.holidaysOfYear(company, year),
    queryFn: ({ signal }) => apiRequest('/api/schedule/holidays', { query: { year, company }, schema: ListHolidaysResponse, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHolidays(company: string | undefined, year: number) {
  return useQuery(holidaysQuery(company, year));
}
