import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  FreeAgentsResponse,
  LineResponse,
  LineRestRule,
  ListLinesResponse,
  MyLinesResponse,
  type CreateLineRequest,
  type UpdateLineRequest,
  type UpdateLineRestRuleRequest,
} from '@dialdeck/contracts/lines';
import { ListUsersResponse } from '@dialdeck/contracts/users';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';

export const linesKeys = {
  all: ['lines'] as const,
  list: (p: { skip: number; limit: number; search?: string }) => ['lines', 'list', p] as const,
  mine: ['lines', 'mine'] as const,
  freeAgents: ['lines', 'free-agents'] as const,
  restRule: ['lines', 'rest-rule'] as const,
  owners: ['lines', 'owners'] as const,
};

export function useLinesList(p: { skip: number; limit: number; search?: string }) {
  return useQuery(
    queryOptions({
      queryKey: linesKeys.list(p),
      queryFn: ({ signal }) => apiRequest('/api/lines', { query: p, schema: ListLinesResponse, signal }),
      placeholderData: keepPreviousData,
    }),
  );
}

export function useMyLines() {
  return useQuery({
    queryKey: linesKeys.mine,
    queryFn: ({ signal }) => apiRequest('/api/lines/mine', { schema: MyLinesResponse, signal }),
  });
}

export function useFreeAgents(enabled: boolean) {
  return useQuery({
    queryKey: linesKeys.freeAgents,
    queryFn: ({ signal }) => apiRequest('/api/lines/free-agents', { schema: FreeAgentsResponse, signal }),
    enabled,
  });
}

/** Who may own a line: the company's users (the first 500, by the users list's order). */
export function useLineOwners(enabled: boolean) {
  return useQuery({
    queryKey: linesKeys.owners,
    queryFn: ({ signal }) => apiRequest('/api/admins', { query: { limit: 500 }, schema: ListUsersResponse, signal }),
    enabled,
  });
}

export function useRestRule(enabled: boolean) {
  return useQuery({
    queryKey: linesKeys.restRule,
    queryFn: ({ signal }) => apiRequest('/api/lines/rest-rule', { schema: LineRestRule, signal }),
    enabled,
  });
}

export function useSaveRestRule() {
  return useInvalidatingMutation(
    (body: UpdateLineRestRuleRequest) => apiRequest('/api/lines/rest-rule', { method: 'PUT', body, schema: LineRestRule }),
    linesKeys.all,
  );
}

export function useCreateLine() {
  return useInvalidatingMutation(
    (body: CreateLineRequest) => apiRequest('/api/lines', { method: 'POST', body, schema: LineResponse }),
    linesKeys.all,
  );
}

export function useUpdateLine() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: UpdateLineRequest }) =>
      apiRequest(`/api/lines/${id}`, { method: 'PUT', body, schema: LineResponse }),
    linesKeys.all,
  );
}

export function useDeleteLine() {
  return useInvalidatingMutation(({ id }: { id: number }) => apiRequest(`/api/lines/${id}`, { method: 'DELETE' }), linesKeys.all);
}

export function useAssignLine() {
  return useInvalidatingMutation(
    ({ id, agentId }: { id: number; agentId: number | null }) =>
      agentId === null
        ? apiRequest(`/api/lines/${id}/unassign`, { method: 'POST', schema: LineResponse })
        : apiRequest(`/api/lines/${id}/assign`, { method: 'POST', body: { agent_id: agentId }, schema: LineResponse }),
    linesKeys.all,
  );
}

export function useWakeLine() {
  return useInvalidatingMutation(
    ({ id }: { id: number }) => apiRequest(`/api/lines/${id}/wake`, { method: 'POST', schema: LineResponse }),
    linesKeys.all,
  );
}
