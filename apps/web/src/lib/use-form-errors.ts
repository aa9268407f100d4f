import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { focusFirstInvalid, zodFieldErrors, type FieldErrors, type ServerFormErrors } from './form-errors';
import { intlLocale } from './use-format';

export interface ParseOptions {
  /** Messages for fields whose format failed (see `zodFieldErrors`). */
  hints?: Record<string, string>;
  /** Checks the schema cannot make (e.g. two fields that must match); adds to `found`. */
  refine?: (found: FieldErrors) => void;
}

/**
 * The error state every form keeps: one message per field, one for the whole form,
 * and focus on the first invalid field after a failed submit. Attach `formRef` to the form.
 */
export function useFormErrors() {
  const { t, i18n } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  /** Validates the input on submit; returns the parsed data, or null after showing the errors. */
  function parse<T>(schema: z.ZodType<T>, input: unknown, options: ParseOptions = {}): T | null {
    setFormError(null);
    const parsed = schema.safeParse(input);
    const found = parsed.success ? {} : zodFieldErrors(parsed.error, t, intlLocale(i18n.language), options.hints);
    options.refine?.(found);
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstInvalid(formRef.current);
      return null;
    }
    setErrors({});
    return parsed.data;
  }

  /** Shows what the server rejected (see `serverFormErrors`). */
  function showErrors(mapped: ServerFormErrors) {
    setErrors(mapped.fields);
    setFormError(mapped.form);
    focusFirstInvalid(formRef.current);
  }

  /** Drops a field's message once the person edits it. */
  function clearError(key: string) {
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  }

  return { formRef, errors, formError, setFormError, parse, showErrors, clearError };
}

export type FormErrors = ReturnType<typeof useFormErrors>;
