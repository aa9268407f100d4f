import { VerifyVoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { voiceServersKeys } from './list-voice-servers';

/** A handshake now; the list is fetched again so the status badge shows the verdict. */
export function useVerifyVoiceServer() {
  return useInvalidatingMutation(
    ({ id }: { id: number }) => apiRequest(`/api/voice-servers/${id}/verify`, { method: 'POST', schema: VerifyVoiceServerResponse }),
    voiceServersKeys.all,
  );
}
