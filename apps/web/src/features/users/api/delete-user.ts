import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { usersKeys } from './list-users';

export function useDeleteUser() {
  return useInvalidatingMutation(
    ({ id, company }: { id: number; company?: string }) => apiRequest(`/api/admins/${id}`, { method: 'DELETE', query: { company } }),
    usersKeys.all,
  );
}
