import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { scheduleKeys } from './get-schedule';

export function useDeleteHoliday() {
  return useInvalidatingMutation(
    ({ date, company }: { date: string; company?: string }) =>
      apiRequest(`/api/schedule/holidays/${encodeURIComponent(date)}`, { method: 'DELETE', query: { company } }),
    ({ company }) => scheduleKeys.holidays(company),
  );
}
