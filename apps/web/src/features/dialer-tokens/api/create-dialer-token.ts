import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreatedDialerTokenResponse } from '@dialdeck/contracts/dialer';
import { apiRequest } from '../../../lib/api-client';
import { dialerTokensKeys } from './list-dialer-tokens';

/** The answer carries the secret, once: the caller shows it and must not cache it. */
export function useCreateDialerToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, company }: { name: string; company?: string }) =>
      apiRequest('/api/dialer/tokens', { method: 'POST', query: { company }, body: { name }, schema: CreatedDialerTokenResponse }),
    onSuccess: (_, { company }) => queryClient.invalidateQueries({ queryKey: dialerTokensKeys.list(company) }),
    // Drop the finished mutation (and the secret in its state) as soon as nothing observes it.
    gcTime: 0,
  });
}
