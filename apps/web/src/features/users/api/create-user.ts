import { UserResponse } from '@dialdeck/contracts/auth';
import type { CreateUserRequest } from '@dialdeck/contracts/users';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { usersKeys } from './list-users';

export function useCreateUser() {
  return useInvalidatingMutation(
    ({ body, company }: { body: CreateUserRequest; company?: string }) =>
      apiRequest('/api/admins', { method: 'POST', query: { company }, body, schema: UserResponse }),
    usersKeys.all,
  );
}
