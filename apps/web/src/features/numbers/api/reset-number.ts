import { NumberResponse } from '@dialdeck/contracts/numbers';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { numbersKeys } from './list-numbers';

export function useResetNumber() {
  return useInvalidatingMutation(
    ({ id, company }: { id: number; company?: string }) =>
      apiRequest(`/api/numbers/${id}/reset`, { method: 'POST', query: { company }, schema: NumberResponse }),
    numbersKeys.all,
  );
}
