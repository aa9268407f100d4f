import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AddNumbersResponse, type AddNumbersRequest } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export function useAddNumbers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, company }: { body: AddNumbersRequest; company?: string }) =>
      apiRequest('/api/numbers', { method: 'POST', query: { company }, body, schema: AddNumbersResponse }),
    onSuccess: (result) => {
      if (result.added > 0) void queryClient.invalidateQueries({ queryKey: numbersKeys.all });
    },
  });
}
