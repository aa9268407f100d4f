import { z } from 'zod';

/** The one error body every 4xx/5xx answer carries (API.md "Errors"). */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Locale = z.enum(['fa', 'he', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Calendar = z.enum(['jalali', 'gregorian', 'hebrew']);
export type Calendar = z.infer<typeof Calendar>;

export const Role = z.enum(['ADMIN', 'AGENT']);
export type Role = z.infer<typeof Role>;

/** ISO 8601 with offset, rendered in the company's timezone. */
export const Timestamp = z.string();

/** Row ids are PostgreSQL integers: in a JSON body a number, in a path or query a numeric string. */
export const Id = z.number().int().min(1).max(2_147_483_647);
/** An id in a path or query: coerced, yet documented as `integer, minimum 1` (a pipe would render as a bare number). */
export const IdParam = z.coerce.number().int().min(1).max(2_147_483_647);
export const IdParams = z.object({ id: IdParam });
/** Ids and counts in answers: integers with their minimum, so a generated client types them right. */
export const RowId = z.number().int().min(1);
export const Count = z.number().int().min(0);
export type IdParams = z.infer<typeof IdParams>;

export const PaginationQuery = z.object({
  skip: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PaginationQuery = z.infer<typeof PaginationQuery>;

/** `company=<slug>`: a superuser acts on another company. */
export const CompanyScopeQuery = z.object({
  company: z.string().min(1).max(63).optional(),
});
export type CompanyScopeQuery = z.infer<typeof CompanyScopeQuery>;

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes, 1 to 63 characters');

export const Password = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters');

export const Username = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ - only');

/**
 * C0 and C1 controls and the bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069): they let a name reorder or hide the text shown after it (a "Trojan
 * source" in a list or an export). LRM, RLM and ALM (U+200E, U+200F, U+061C) and ZWNJ stay
 * allowed: Persian and Hebrew names use them, and they cannot reorder text beyond themselves.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SAFE_TEXT = /^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;

/**
 * A name a person reads (company, user, token, holiday): trimmed, at most `max` characters,
 * refused (400 naming the field) rather than silently stripped when it holds control or bidi
 * override characters, so what is stored is what was sent. The pattern is in the OpenAPI document.
 */
export function displayText(max: number, opts: { min?: number } = {}) {
  const s = z.string().trim();
  const sized = opts.min ? s.min(opts.min, 'required') : s;
  return sized.max(max, `at most ${max} characters`).regex(SAFE_TEXT, 'no control or bidi override characters');
}

export const PersonName = displayText(100);

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), skip: Count, limit: Count });
}
