import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scheduleKeys } from './get-schedule';

export function useDeleteHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, company }: { date: string; company?: string }) =>
      apiRequest(`/api/schedule/holidays/${encodeURIComponent(date)}`, { method: 'DELETE', query: { company } }),
    onSuccess: (_, { company }) => queryClient.invalidateQueries({ queryKey: scheduleKeys.holidays(company) }),
  });
}
