import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BulkNumbersResponse, type BulkNumbersRequest } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export function useBulkNumbers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, company }: { body: BulkNumbersRequest; company?: string }) =>
      apiRequest('/api/numbers/bulk', { method: 'POST', query: { company }, body, schema: BulkNumbersResponse }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: numbersKeys.all }),
  });
}
