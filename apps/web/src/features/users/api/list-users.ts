import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Role } from '@dialdeck/contracts/common';
import { ListUsersResponse } from '@dialdeck/contracts/users';
import { apiRequest } from '../../../lib/api-client';

export interface UsersListParams {
  skip: number;
  limit: number;
  search?: string;
  role?: Role;
  /** A superuser's company=<slug>; absent means the caller's own company. */
  company?: string;
}

export const usersKeys = {
  all: ['users'] as const,
  list: (params: UsersListParams) => ['users', 'list', params] as const,
};

export function usersListQuery(params: UsersListParams) {
  return queryOptions({
    queryKey: usersKeys.list(params),
    queryFn: ({ signal }) =>
      apiRequest('/api/admins', {
        query: { skip: params.skip, limit: params.limit, search: params.search, role: params.role, company: params.company },
        schema: ListUsersResponse,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUsersList(params: UsersListParams) {
  return useQuery(usersListQuery(params));
}
