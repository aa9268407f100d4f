import { queryOptions, useQuery } from '@tanstack/react-query';
import { ScheduleResponse } from '@dialdeck/contracts/schedule';
import { apiRequest } from '../../../lib/api-client';

export const scheduleKeys = {
  all: ['schedule'] as const,
  config: (company: string | undefined) => ['schedule', 'config', company ?? null] as const,
  holidays: (company: string | undefined) => ['schedule', 'holidays', company ?? null] as const,
  holidaysOfYear: (company: string | undefined, year: number) => ['schedule', 'holidays', company ?? null, year] as const,
};

export function scheduleQuery(company: string | undefined) {
  return queryOptions({
    queryKey: scheduleKeys.config(company),
    queryFn: ({ signal }) => apiRequest('/api/schedule', { query: { company }, schema: ScheduleResponse, signal }),
    // The dialer can switch the schedule off at any moment (call_allowed: false).
    staleTime: 0,
  });
}

export function useSchedule(company: string | undefined) {
  return useQuery(scheduleQuery(company));
}
