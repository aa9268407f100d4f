import { useState, type ChangeEvent } from 'react';
import type { FormErrors } from './use-form-errors';

/** The keys of `V` whose value is any string (not a union of literals). */
type TextKey<V> = { [K in keyof V]: string extends V[K] ? (V[K] extends string ? K : never) : never }[keyof V] & string;
type FlagKey<V> = { [K in keyof V]: V[K] extends boolean ? K : never }[keyof V] & string;

export interface TextBinding {
  /** Where a server or schema error for this input is filed, when not under its own name (e.g. `settings.currency`). */
  errorKey?: string;
  /** Rewrites what was typed before it is stored (e.g. upper-casing a code). */
  transform?: (value: string) => string;
}

/**
 * A form's values in one object, and the props that bind an input to one of them:
 * `<TextField {...text('username')} />` gives the input its name, value, error and an
 * onChange that stores the value and clears the field's error.
 */
export interface FormValuesOptions<V> {
  /** Called on every edit, e.g. to note which fields the person touched. */
  onSet?: (key: keyof V) => void;
  /** Keep a field's message while it is edited, until the next submit. */
  keepErrors?: boolean;
}

export function useFormValues<V extends object>(
  initial: () => V,
  form: Pick<FormErrors, 'errors' | 'clearError'>,
  { onSet, keepErrors = false }: FormValuesOptions<V> = {},
) {
  const [values, setValues] = useState<V>(initial);

  function set<K extends keyof V>(key: K, value: V[K], errorKey: string = String(key)) {
    setValues((current) => ({ ...current, [key]: value }));
    onSet?.(key);
    if (!keepErrors) form.clearError(errorKey);
  }

  function text<K extends TextKey<V>>(key: K, { errorKey = key, transform }: TextBinding = {}) {
    return {
      name: key,
      value: values[key] as string,
      error: form.errors[errorKey],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const value = transform ? transform(event.target.value) : event.target.value;
        set(key, value as V[K], errorKey);
      },
    };
  }

  function flag<K extends FlagKey<V>>(key: K) {
    return {
      name: key,
      checked: values[key] as boolean,
      onChange: (event: ChangeEvent<HTMLInputElement>) => set(key, event.target.checked as V[K]),
    };
  }

  return { values, setValues, set, text, flag };
}
