import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateHolidayRequest } from '@dialdeck/contracts/schedule';
import { apiRequest } from '../../../lib/api-client';
import { scheduleKeys } from './get-schedule';

export function useCreateHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    // 201 with the holiday; the list is fetched again, so the body is not needed.
    mutationFn: ({ body, company }: { body: CreateHolidayRequest; company?: string }) =>
      apiRequest('/api/schedule/holidays', { method: 'POST', query: { company }, body }),
    onSuccess: (_, { company }) => queryClient.invalidateQueries({ queryKey: scheduleKeys.holidays(company) }),
  });
}
