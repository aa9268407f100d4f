import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NumberResponse } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export function useResetNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, company }: { id: number; company?: string }) =>
      apiRequest(`/api/numbers/${id}/reset`, { method: 'POST', query: { company }, schema: NumberResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numbersKeys.all }),
  });
}
