import { CreatedDialerTokenResponse } from '@dialdeck/contracts/dialer';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { dialerTokensKeys } from './list-dialer-tokens';

/** The answer carries the secret, once: the caller shows it and must not cache it. */
export function useCreateDialerToken() {
  return useInvalidatingMutation(
    ({ name, company }: { name: string; company?: string }) =>
      apiRequest('/api/dialer/tokens', { method: 'POST', query: { company }, body: { name }, schema: CreatedDialerTokenResponse }),
    ({ company }) => dialerTokensKeys.list(company),
    {
      // Drop the finished mutation (and the secret in its state) as soon as nothing observes it.
      gcTime: 0,
    },
  );
}
