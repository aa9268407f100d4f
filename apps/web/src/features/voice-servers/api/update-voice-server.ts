import { VoiceServerResponse, type UpdateVoiceServerRequest } from '@dialdeck/contracts/voice-servers';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { voiceServersKeys } from './list-voice-servers';

export function useUpdateVoiceServer() {
  return useInvalidatingMutation(
    ({ id, body }: { id: number; body: UpdateVoiceServerRequest }) =>
      apiRequest(`/api/voice-servers/${id}`, { method: 'PUT', body, schema: VoiceServerResponse }),
    voiceServersKeys.all,
  );
}
