import type { VerifyVoiceServerResponse, VoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { toZonedIso } from '../../lib/time';
import type { VoiceServerRow } from './voice-servers.repository';

/** A server as the API answers it, times in the caller's company's zone (the registry has none of its own). */
export function voiceServerView(v: VoiceServerRow, timeZone: string): VoiceServerResponse {
  return {
    id: v.id,
    name: v.name,
    url: v.url,
    is_active: v.is_active,
    priority: v.priority,
    status: v.status,
    last_verified_at: v.last_verified_at && toZonedIso(v.last_verified_at, timeZone),
    last_error: v.last_error,
    created_at: toZonedIso(v.created_at, timeZone),
    updated_at: toZonedIso(v.updated_at, timeZone),
  };
}

/** The outcome of the handshake just recorded on `v`. */
export function verifyView(v: VoiceServerRow, timeZone: string): VerifyVoiceServerResponse {
  if (v.status === 'pending' || !v.last_verified_at) throw new Error('verifyView: the server has no recorded handshake');
  return {
    status: v.status,
    last_verified_at: toZonedIso(v.last_verified_at, timeZone),
    ...(v.status === 'failed' && v.last_error ? { error: v.last_error } : {}),
  };
}
