import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, dbUnavailable, dbUnavailableError } from './errors';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

type ValidationIssue = { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> };

/** zod issues → `{field: reason}`; nested paths use dots, the body as a whole is `body`. */
export function fieldsFromValidation(issues: ValidationIssue[], part: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = (issue.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean).join('.');
    const keys = issue.params?.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const k of keys) fields[path ? `${path}.${String(k)}` : String(k)] = 'unknown field';
      continue;
    }
    const name = path || (part === 'body' ? 'body' : (part ?? 'request'));
    fields[name] ??= issue.message ?? 'invalid';
  }
  return fields;
}

/** Every error leaves as API.md's `{error: {code, message, fields?}}`; a 5xx never shows its internals. */
export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const fields = fieldsFromValidation(fe.validation as ValidationIssue[], fe.validationContext);
    const list = Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    return new AppError('VALIDATION_FAILED', `Invalid ${fe.validationContext ?? 'request'}: ${list}`, { fields });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'The body is not valid JSON.', { fields: { body: 'not valid JSON' } });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', `Unsupported content type.`);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('VALIDATION_FAILED', fe.message);
  }
  // A restart or failover of the database: the client may retry, so 503 with Retry-After, never 500.
  if (dbUnavailable(err)) return dbUnavailableError(err);
  // PostgreSQL "data exception" (class 22: out of range, NUL byte, bad encoding): the
  // input was wrong, so it is the caller's error even when validation let it through.
  const pgCode = (err as { code?: unknown }).code;
  if (typeof pgCode === 'string' && /^22[0-9A-Z]{3}$/.test(pgCode)) {
    return new AppError('VALIDATION_FAILED', 'A value is out of range or contains characters that cannot be stored.');
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED', fe.message);
  return new AppError('INTERNAL', undefined, { cause: err });
}

export function errorHandler(this: FastifyInstance, err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appErr = toAppError(err);
  // An outage fails every request: one line each, not a stack trace each.
  if (appErr.code === 'UNAVAILABLE' && dbUnavailable(err)) request.log.warn(`database unreachable: ${err.message}`);
  else if (appErr.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.debug({ code: appErr.code, message: appErr.message }, 'request refused');
  if (appErr.headers) reply.headers(appErr.headers);
  return reply.status(appErr.status).send(appErr.toBody());
}
