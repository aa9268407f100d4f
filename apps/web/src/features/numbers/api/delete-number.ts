import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { numbersKeys } from './list-numbers';

export function useDeleteNumber() {
  return useInvalidatingMutation(
    ({ id, company }: { id: number; company?: string }) => apiRequest(`/api/numbers/${id}`, { method: 'DELETE', query: { company } }),
    numbersKeys.all,
  );
}
