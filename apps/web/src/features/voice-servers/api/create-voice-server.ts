import { VoiceServerResponse, type CreateVoiceServerRequest } from '@dialdeck/contracts/voice-servers';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { voiceServersKeys } from './list-voice-servers';

export function useCreateVoiceServer() {
  return useInvalidatingMutation(
    (body: CreateVoiceServerRequest) => apiRequest('/api/voice-servers', { method: 'POST', body, schema: VoiceServerResponse }),
    voiceServersKeys.all,
  );
}
