import type { CreateHolidayRequest } from '@dialdeck/contracts/schedule';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { scheduleKeys } from './get-schedule';

export function useCreateHoliday() {
  // 201 with the holiday; the list is fetched again, so the body is not needed.
  return useInvalidatingMutation(
    ({ body, company }: { body: CreateHolidayRequest; company?: string }) =>
      apiRequest('/api/schedule/holidays', { method: 'POST', query: { company }, body }),
    ({ company }) => scheduleKeys.holidays(company),
  );
}
