import { z } from 'zod';
import { Calendar, Locale, Password, PersonName, Role, Timestamp, RowId, Count } from './common';

export const LoginRequest = z.object({
  username: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
  password: z.string().min(1, 'required').max(128, 'at most 128 characters'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: Count,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** The user object of API.md; never carries a password hash. */
export const UserResponse = z.object({
  id: RowId,
  username: z.string(),
  role: Role,
  is_superuser: z.boolean(),
  is_active: z.boolean(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone_number: z.string().nullable(),
  company: z.object({
    id: RowId,
    name: z.string(),
    display_name: z.string(),
    locale: Locale,
    calendar: Calendar,
    timezone: z.string(),
  }),
  /** The last successful sign-in; null when the user never signed in (an extension of API.md). */
  last_login_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type UserResponse = z.infer<typeof UserResponse>;

export const UpdateMeRequest = z.strictObject({
  first_name: PersonName.nullable().optional(),
  last_name: PersonName.nullable().optional(),
  current_password: z.string().min(1, 'required').max(128),
  new_password: Password.optional(),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;
/**
 * The user object; with `access_token` when the password changed. A new password ends
 * every session of the user, so the session that changed it continues with this token
 * (an extension of API.md).
 */
export const UpdateMeResponse = UserResponse.extend({ access_token: z.string().optional() });
export type UpdateMeResponse = z.infer<typeof UpdateMeResponse>;
