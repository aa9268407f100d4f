import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NumberResponse, type CallStatus } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export function useUpdateNumberStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status, company }: { id: number; status: CallStatus; company?: string }) =>
      apiRequest(`/api/numbers/${id}/status`, { method: 'PUT', query: { company }, body: { status }, schema: NumberResponse }),
    // A new status moves the number between status filters and counts: refetch all of them.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numbersKeys.all }),
  });
}
