import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { dialerTokensKeys } from './list-dialer-tokens';

export function useRevokeDialerToken() {
  return useInvalidatingMutation(
    ({ id, company }: { id: number; company?: string }) => apiRequest(`/api/dialer/tokens/${id}`, { method: 'DELETE', query: { company } }),
    ({ company }) => dialerTokensKeys.list(company),
  );
}
