import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError, NETWORK_ERROR } from './api-client';

export type FieldErrors = Record<string, string>;

function formatNumber(value: unknown, locale: string): string {
  if (typeof value === 'number' || typeof value === 'bigint') return new Intl.NumberFormat(locale).format(value);
  return String(value);
}

/**
 * Turns zod issues into one translated message per field. The shared schemas
 * carry English reasons for the API; the form shows the reason in the UI
 * language instead, chosen from the issue's code and limits. `hints` gives
 * the message for a field whose format (regex or refinement) failed.
 */
export function zodFieldErrors(error: z.ZodError, t: TFunction, locale: string, hints: Record<string, string> = {}): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (result[key]) continue;
    result[key] = issueMessage(issue, t, locale, hints[key]);
  }
  return result;
}

function issueMessage(issue: z.core.$ZodIssue, t: TFunction, locale: string, hint: string | undefined): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.minLength', { n: formatNumber(issue.minimum, locale) });
      }
      return t('validation.minValue', { n: formatNumber(issue.minimum, locale) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { n: formatNumber(issue.maximum, locale) });
      return t('validation.maxValue', { n: formatNumber(issue.maximum, locale) });
    case 'invalid_type':
      if (issue.expected === 'number') return t('validation.number');
      if (issue.expected === 'int') return t('validation.integer');
      return t('validation.required');
    case 'invalid_format':
    case 'custom':
      return hint ?? t('validation.invalid');
    default:
      // zod's own message, localised through z.config() for the current language.
      return issue.message || t('validation.invalid');
  }
}

export interface ServerErrorOptions {
  /** Form fields that a server error may name. */
  fields: readonly string[];
  /** The field a 409 lands on when the server does not name one. */
  conflictField?: string;
  /** Messages for a 409 per field, e.g. username → "already taken". */
  conflictMessages?: Record<string, string>;
}

export interface ServerFormErrors {
  fields: FieldErrors;
  form: string | null;
}

/** Maps an API error onto the form: 400 `error.fields` and 409 onto fields, the rest as one message. */
export function serverFormErrors(error: unknown, t: TFunction, options: ServerErrorOptions): ServerFormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: t('errors.generic') };
  const known = new Set(options.fields);
  const fields: FieldErrors = {};
  const named = Object.entries(error.fields);

  if (error.status === 409) {
    const target = named.find(([field]) => known.has(field))?.[0] ?? options.conflictField;
    if (target) {
      fields[target] = options.conflictMessages?.[target] ?? t('errors.conflict');
      return { fields, form: null };
    }
    return { fields, form: t('errors.conflict') };
  }

  if (error.status === 400 && named.length > 0) {
    const unknown: string[] = [];
    for (const [field, reason] of named) {
      if (known.has(field)) fields[field] = reason;
      else unknown.push(`${field}: ${reason}`);
    }
    return { fields, form: unknown.length ? unknown.join(' · ') : null };
  }

  return { fields, form: errorMessage(error, t) };
}

/** One sentence for an error that belongs to no field. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.code === NETWORK_ERROR) return t('errors.network');
  switch (error.status) {
    case 403:
      return t('errors.forbidden');
    case 404:
      return t('errors.notFound');
    case 409:
      return t('errors.conflict');
    case 429:
      return t('errors.rateLimited');
    default:
      return error.status === 400 && error.message ? error.message : t('errors.generic');
  }
}

/**
 * After a failed submit, move focus to the first field marked invalid, once React has
 * rendered it: React's commit may land a frame or two later on a busy machine, so look
 * again for a few frames.
 */
export function focusFirstInvalid(form: HTMLFormElement | null, framesLeft = 10): void {
  window.requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else if (framesLeft > 1) focusFirstInvalid(form, framesLeft - 1);
  });
}
