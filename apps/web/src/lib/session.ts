import { queryOptions, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { UserResponse } from '@dialdeck/contracts/auth';
import { apiRequest } from './api-client';
import { clearAccessToken } from './auth-token';

/** The signed-in user. Layout, guards and every page read it from this one query. */
export const meQueryOptions = queryOptions({
  queryKey: ['auth', 'me'] as const,
  queryFn: ({ signal }) => apiRequest('/api/auth/me', { schema: UserResponse, signal }),
  staleTime: 5 * 60_000,
  retry: false,
});

/** Only for components under the authenticated layout, whose guard has loaded `me`. */
export function useMe(): UserResponse {
  return useSuspenseQuery(meQueryOptions).data;
}

export function endSession(queryClient: QueryClient): void {
  clearAccessToken();
  void queryClient.cancelQueries();
  queryClient.clear();
}

export function displayName(user: Pick<UserResponse, 'first_name' | 'last_name' | 'username'>): string {
  const full = [user.first_name, user.last_name].filter((part) => part && part.trim()).join(' ');
  return full || user.username;
}

export function canManageUsers(user: UserResponse): boolean {
  return user.is_superuser || user.role === 'ADMIN';
}

export function canManageCompanies(user: UserResponse): boolean {
  return user.is_superuser;
}

/** The AI voice-server registry is the operator's, shared by every company. */
export function canManageVoiceServers(user: UserResponse): boolean {
  return user.is_superuser;
}
