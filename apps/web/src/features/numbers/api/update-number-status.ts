import { NumberResponse, type CallStatus } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { numbersKeys } from './list-numbers';

export function useUpdateNumberStatus() {
  // A new status moves the number between status filters and counts: refetch all of them.
  return useInvalidatingMutation(
    ({ id, status, company }: { id: number; status: CallStatus; company?: string }) =>
      apiRequest(`/api/numbers/${id}/status`, { method: 'PUT', query: { company }, body: { status }, schema: NumberResponse }),
    numbersKeys.all,
  );
}
