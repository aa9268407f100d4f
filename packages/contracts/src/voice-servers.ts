import { z } from 'zod';
import { RowId, Timestamp, displayText } from './common';
import { isLinkLocalAddress } from './link-local';

export const VoiceServerStatus = z.enum(['pending', 'verified', 'failed']);
export type VoiceServerStatus = z.infer<typeof VoiceServerStatus>;

/**
 * Where a voice server listens: a ws:// or wss:// URL, never a link-local host (the
 * server connects to it, and 169.254.169.254 is a cloud's metadata service). A host name
 * is checked again when it is resolved, at each handshake. No fragment: a WebSocket
 * request has none.
 */
export const VoiceServerUrl = z
  .string()
  .trim()
  .min(1, 'required')
  .max(2048, 'at most 2048 characters')
  .superRefine((value, ctx) => {
    const problem = voiceServerUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Why `value` is not a usable voice-server URL, or undefined when it is. */
export function voiceServerUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'a ws:// or wss:// URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return 'must start with ws:// or wss://';
  if (!url.hostname) return 'a ws:// or wss:// URL with a host';
  if (url.hash) return 'no #fragment';
  if (isLinkLocalAddress(url.hostname)) return 'a link-local address (169.254.0.0/16, fe80::/10) is not allowed';
  return undefined;
}

const Name = displayText(100, { min: 1 });
const Priority = z.number().int().min(-1_000_000).max(1_000_000);

export const CreateVoiceServerRequest = z.strictObject({
  name: Name,
  url: VoiceServerUrl,
  is_active: z.boolean().optional(),
  /** Higher first; 0 when not given. */
  priority: Priority.optional(),
});
export type CreateVoiceServerRequest = z.infer<typeof CreateVoiceServerRequest>;

/** The fields given change; a new url sends the server back to `pending` until it is verified again. */
export const UpdateVoiceServerRequest = z.strictObject({
  name: Name.optional(),
  url: VoiceServerUrl.optional(),
  is_active: z.boolean().optional(),
  priority: Priority.optional(),
});
export type UpdateVoiceServerRequest = z.infer<typeof UpdateVoiceServerRequest>;

export const VoiceServerResponse = z.object({
  id: RowId,
  name: z.string(),
  url: z.string(),
  is_active: z.boolean(),
  priority: z.number().int(),
  status: VoiceServerStatus,
  last_verified_at: Timestamp.nullable(),
  /** Why the last handshake failed; null once one succeeds. */
  last_error: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type VoiceServerResponse = z.infer<typeof VoiceServerResponse>;

/** In the order the pick reads them: priority, highest first, then name. */
export const ListVoiceServersResponse = z.object({ items: z.array(VoiceServerResponse) });
export type ListVoiceServersResponse = z.infer<typeof ListVoiceServersResponse>;

/** The outcome of one handshake, as recorded on the server. */
export const VerifyVoiceServerResponse = z.object({
  status: VoiceServerStatus.exclude(['pending']),
  last_verified_at: Timestamp,
  error: z.string().optional(),
});
export type VerifyVoiceServerResponse = z.infer<typeof VerifyVoiceServerResponse>;
