import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { UpdateMeResponse, type UpdateMeRequest } from '@dialdeck/contracts/auth';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { setAccessToken } from '../../../lib/auth-token';
import { serverFormErrors, type ServerFormErrors } from '../../../lib/form-errors';
import { meQueryOptions } from '../../../lib/session';

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeRequest) => apiRequest('/api/auth/me', { method: 'PUT', body, schema: UpdateMeResponse }),
    onSuccess: ({ access_token, ...user }) => {
      // A new password ended every earlier session, this one's token too: go on with the fresh one.
      if (access_token) setAccessToken(access_token);
      queryClient.setQueryData(meQueryOptions.queryKey, user);
    },
  });
}

/** PUT /api/auth/me answers 403 for a wrong current password: that belongs on its field. */
export function updateMeErrors(error: unknown, t: TFunction, fields: readonly string[]): ServerFormErrors {
  if (error instanceof ApiError && error.status === 403) {
    return { fields: { current_password: t('profile.wrongPassword') }, form: null };
  }
  return serverFormErrors(error, t, { fields });
}
