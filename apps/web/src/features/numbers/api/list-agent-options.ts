import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListUsersResponse } from '@dialdeck/contracts/users';
import { apiRequest } from '../../../lib/api-client';

/** The agents of the company for the agent filter (one page of up to 500 is plenty for a select). */
export function agentOptionsQuery(company: string | undefined) {
  return queryOptions({
    // Under ['users'] so that creating or editing a user refreshes it.
    queryKey: ['users', 'agent-options', company] as const,
    queryFn: ({ signal }) =>
      apiRequest('/api/admins', { query: { role: 'AGENT', limit: 500, company }, schema: ListUsersResponse, signal }),
    staleTime: 60_000,
  });
}

export function useAgentOptions(enabled: boolean, company: string | undefined) {
  return useQuery({ ...agentOptionsQuery(company), enabled });
}
