import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { voiceServersKeys } from './list-voice-servers';

export function useDeleteVoiceServer() {
  return useInvalidatingMutation(
    ({ id }: { id: number }) => apiRequest(`/api/voice-servers/${id}`, { method: 'DELETE' }),
    voiceServersKeys.all,
  );
}
