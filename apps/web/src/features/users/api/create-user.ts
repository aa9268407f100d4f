import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserResponse } from '@dialdeck/contracts/auth';
import type { CreateUserRequest } from '@dialdeck/contracts/users';
import { apiRequest } from '../../../lib/api-client';
import { usersKeys } from './list-users';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, company }: { body: CreateUserRequest; company?: string }) =>
      apiRequest('/api/admins', { method: 'POST', query: { company }, body, schema: UserResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
