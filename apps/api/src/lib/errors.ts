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

/** PostgreSQL unique_violation → which constraint, so a service can name the field. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' ? (e.constraint ?? '') : undefined;
}

// Node's socket errors when the database server cannot be reached or went away.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres's own words for a connection that ended, never opened in time, or broke
// earlier; PGlite's and Kysely's once the process has closed the database on its way out.
const LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|PGlite is closed|driver has already been destroyed)/;

/**
 * The database is unreachable rather than the request wrong: a socket error, a
 * connection that ended, SQLSTATE class 08 (connection exception), 57P01–57P03
 * (the server is shutting down, crashed, or starting), 53300 (too many connections).
 * Such a request may succeed when retried a moment later.
 */
export function dbUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNREACHABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
    if (typeof e.message === 'string' && LOST.test(e.message)) return true;
    // A host name with several addresses fails with one error per address.
    if (Array.isArray(e.errors) && e.errors.some((x) => dbUnavailable(x))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 2;

export const dbUnavailableError = (cause?: unknown) =>
  new AppError('UNAVAILABLE', 'The database is not reachable right now. Try again in a few seconds.', {
    headers: { 'retry-after': String(DB_RETRY_AFTER_SECONDS) },
    cause,
  });
