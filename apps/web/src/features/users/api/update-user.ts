import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserResponse } from '@dialdeck/contracts/auth';
import type { UpdateUserRequest } from '@dialdeck/contracts/users';
import { apiRequest } from '../../../lib/api-client';
import { meQueryOptions } from '../../../lib/session';
import { usersKeys } from './list-users';

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, company }: { id: number; body: UpdateUserRequest; company?: string }) =>
      apiRequest(`/api/admins/${id}`, { method: 'PUT', query: { company }, body, schema: UserResponse }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.all });
      // Editing oneself here changes the header too.
      const me = queryClient.getQueryData(meQueryOptions.queryKey);
      if (me && me.id === user.id) void queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
    },
  });
}
