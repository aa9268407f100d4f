import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ScheduleResponse, type UpdateScheduleRequest } from '@dialdeck/contracts/schedule';
import { apiRequest } from '../../../lib/api-client';
import { scheduleKeys } from './get-schedule';

export function useUpdateSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, company }: { body: UpdateScheduleRequest; company?: string }) =>
      apiRequest('/api/schedule', { method: 'PUT', query: { company }, body, schema: ScheduleResponse }),
    // The answer is the saved schedule: show it at once, no second round trip.
    onSuccess: (saved, { company }) => queryClient.setQueryData(scheduleKeys.config(company), saved),
  });
}
