import type { z } from 'zod';
import { ErrorResponse } from '@dialdeck/contracts/common';
import { clearAccessToken, getAccessToken } from './auth-token';

/** Every failed call ends here: HTTP errors, network failures and unexpected bodies. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  /** Seconds the server asked the client to wait (its Retry-After header), when it did. */
  readonly retryAfterSeconds?: number;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';
export const INVALID_RESPONSE = 'INVALID_RESPONSE';

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Parses the success body; omit for 204 answers. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

let unauthorizedHandler: () => void = () => {};

/** The app decides what a lost session means (it navigates to the login page). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The ApiError for a failed answer, from its parsed JSON body (if any). Shared by
 * fetch, XMLHttpRequest uploads and streamed downloads, so all of them report errors
 * alike and all of them end the session on a 401.
 */
export function failedResponseError(
  status: number,
  statusText: string,
  json: unknown,
  hadToken: boolean,
  retryAfter: string | null = null,
): ApiError {
  const parsed = ErrorResponse.safeParse(json);
  // Retry-After in seconds (the API never sends the HTTP-date form).
  const wait = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  const error = parsed.success
    ? new ApiError(status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields, wait)
    : new ApiError(status, `HTTP_${status}`, statusText, {}, wait);
  // A 401 on an authenticated call means the token is gone or expired; a 401
  // on the login call itself is just a wrong password.
  if (status === 401 && hadToken) {
    clearAccessToken();
    unauthorizedHandler();
  }
  return error;
}

/** Headers for a call made outside apiRequest (uploads, streamed downloads). */
export function authHeaders(): Record<string, string> {
  const token = getAccessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const token = getAccessToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, 'network error');
  }

  if (!response.ok) {
    throw failedResponseError(
      response.status,
      response.statusText,
      await response.json().catch(() => null),
      Boolean(token),
      response.headers.get('retry-after'),
    );
  }

  if (response.status === 204 || !options.schema) return undefined as T;
  const json: unknown = await response.json().catch(() => undefined);
  const result = options.schema.safeParse(json);
  if (!result.success) {
    console.error(`Unexpected response from ${path}`, result.error.issues);
    throw new ApiError(response.status, INVALID_RESPONSE, 'unexpected response');
  }
  return result.data;
}
