import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { dialerTokensKeys } from './list-dialer-tokens';

export function useRevokeDialerToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, company }: { id: number; company?: string }) =>
      apiRequest(`/api/dialer/tokens/${id}`, { method: 'DELETE', query: { company } }),
    onSuccess: (_, { company }) => queryClient.invalidateQueries({ queryKey: dialerTokensKeys.list(company) }),
  });
}
