import { queryOptions, useQuery } from '@tanstack/react-query';
import { ListVoiceServersResponse } from '@dialdeck/contracts/voice-servers';
import { apiRequest } from '../../../lib/api-client';

export const voiceServersKeys = {
  all: ['voice-servers'] as const,
  list: ['voice-servers', 'list'] as const,
};

export function useVoiceServersList() {
  return useQuery(
    queryOptions({
      queryKey: voiceServersKeys.list,
      queryFn: ({ signal }) => apiRequest('/api/voice-servers', { schema: ListVoiceServersResponse, signal }),
    }),
  );
}
