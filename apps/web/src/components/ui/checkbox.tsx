import { useEffect, useRef, type InputHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  /** Neither checked nor unchecked: some of a group are selected. */
  indeterminate?: boolean;
}

/** A bare checkbox (label it with aria-label), for table rows and headers. */
export function Checkbox({ indeterminate = false, className, ...props }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` is a DOM property with no attribute: set it by hand.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-checked={indeterminate ? 'mixed' : undefined}
      className={cn('size-4 cursor-pointer rounded border-zinc-300 align-middle accent-indigo-600 disabled:cursor-not-allowed', className)}
      {...props}
    />
  );
}
