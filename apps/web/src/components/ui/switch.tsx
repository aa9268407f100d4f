import { useId, type InputHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { ChoiceLabel } from './choice-label';

export interface SwitchFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'role'> {
  label: string;
  hint?: string;
}

/**
 * An on/off setting: a real checkbox announced as a switch, so it keeps native
 * keyboard handling (Space) and form semantics while looking like a toggle.
 * The knob moves toward the inline end (a logical inset), so it mirrors in RTL.
 */
export function SwitchField({ label, hint, className, ...props }: SwitchFieldProps) {
  const id = useId();
  return (
    <div className={cn('flex items-start gap-3', className)}>
      <span className="relative mt-0.5 inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={hint ? `${id}-hint` : undefined}
          className="peer h-5 w-9 cursor-pointer appearance-none rounded-full bg-zinc-300 transition-colors checked:bg-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50"
          {...props}
        />
        <span
          aria-hidden="true"
          className="pointer-events-none absolute start-0.5 top-0.5 size-4 rounded-full bg-white shadow-sm transition-[inset-inline-start] peer-checked:start-4.5"
        />
      </span>
      <ChoiceLabel id={id} label={label} hint={hint} />
    </div>
  );
}
