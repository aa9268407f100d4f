import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export function useDeleteNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, company }: { id: number; company?: string }) =>
      apiRequest(`/api/numbers/${id}`, { method: 'DELETE', query: { company } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numbersKeys.all }),
  });
}
