import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { ChevronDownIcon } from './icons';
import { ChoiceLabel } from './choice-label';

const controlClass =
  'block rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm transition-colors placeholder:text-zinc-400 ' +
  'focus:outline-2 focus:-outline-offset-1 disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500';

function borderClass(error: string | undefined) {
  return error ? 'border-red-400 focus:outline-red-600' : 'border-zinc-300 focus:outline-indigo-600';
}

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  children: ReactNode;
  className?: string;
}

function FieldFrame({ id, label, hint, error, optional, children, className }: FieldFrameProps) {
  const { t } = useTranslation();
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-800">
        {label}
        {optional ? <span className="ms-1 text-xs font-normal text-zinc-500">({t('common.optional')})</span> : null}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  containerClassName?: string;
}

export function TextField({ label, hint, error, optional, containerClassName, className, ...props }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional} className={containerClassName}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={cn(controlClass, 'h-10 w-full', borderClass(error), className)}
        {...props}
      />
    </FieldFrame>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
  containerClassName?: string;
  children: ReactNode;
}

export function SelectField({ label, hint, error, containerClassName, className, children, ...props }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={containerClassName}>
      <div className="relative">
        <select
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          className={cn(controlClass, 'h-10 w-full cursor-pointer appearance-none pe-9', borderClass(error), className)}
          {...props}
        >
          {children}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
      </div>
    </FieldFrame>
  );
}

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: string;
  hint?: string;
}

export function CheckboxField({ label, hint, className, ...props }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={cn('flex items-start gap-3', className)}>
      <input
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 cursor-pointer rounded border-zinc-300 accent-indigo-600"
        {...props}
      />
      <ChoiceLabel id={id} label={label} hint={hint} />
    </div>
  );
}

/** A bare select with a visually hidden label, for toolbars and the header. */
export function CompactSelect({
  label,
  className,
  children,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <span className="relative inline-block">
        <select
          id={id}
          className={cn(controlClass, 'h-9 cursor-pointer appearance-none border-zinc-300 pe-8 focus:outline-indigo-600', className)}
          {...props}
        >
          {children}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute end-2.5 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
      </span>
    </>
  );
}
