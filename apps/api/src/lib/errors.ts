import type { ErrorCode } from '@dialdeck/contracts/common';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request is not valid.',
  UNAUTHORIZED: 'Authentication is required.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Not found.',
  METHOD_NOT_ALLOWED: 'This path does not answer this method.',
  CONFLICT: 'This conflicts with an existing record.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'This content type is not supported.',
  UNPROCESSABLE: 'The request is well-formed but not allowed.',
  RATE_LIMITED: 'Too many requests. Try again later.',
  INTERNAL: 'Internal server error.',
  UNAVAILABLE: 'The service is not available right now.',
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** The one error type services throw; the HTTP layer turns it into API.md's error body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    opts: { fields?: Record<string, string>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message ?? DEFAULT_MESSAGE[code], { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields;
    this.headers = opts.headers;
  }

  get status(): number {
    return STATUS[this.code];
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const notFound = (what = 'Not found.') => new AppError('NOT_FOUND', what);
export const fieldError = (code: ErrorCode, field: string, reason: string, message?: string) =>
  new AppError(code, message ?? `${field}: ${reason}`, { fields: { [field]: reason } });

/** PostgreSQL unique_violation → which constraint, so a service can name the field. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' ? (e.constraint ?? '') : undefined;
}
