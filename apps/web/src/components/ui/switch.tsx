import { useId } from 'react';
import { Switch } from 'react-aria-components';
import { cn } from '../../lib/cn';

export interface SwitchFieldProps {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}

/** An on/off setting from React Aria, toggled by Space or a press; the knob moves to the inline end (mirrors in RTL). */
export function SwitchField({ label, hint, checked, disabled, onChange, className }: SwitchFieldProps) {
  const hintId = useId();
  return (
    <div className={cn('flex flex-col gap-0.5', className)}>
      <Switch
        isSelected={checked}
        isDisabled={disabled}
        onChange={onChange}
        aria-describedby={hint ? hintId : undefined}
        className="group relative flex cursor-pointer items-start gap-3 text-sm font-medium text-zinc-800 data-[disabled]:cursor-not-allowed"
      >
        <span
          aria-hidden="true"
          className="relative mt-0.5 inline-flex h-5 w-9 shrink-0 rounded-full bg-zinc-300 transition-colors group-data-[disabled]:opacity-50 group-data-[focus-visible]:outline-2 group-data-[focus-visible]:outline-offset-2 group-data-[focus-visible]:outline-indigo-600 group-data-[selected]:bg-indigo-600"
        >
          <span className="absolute start-0.5 top-0.5 size-4 rounded-full bg-white shadow-sm transition-[inset-inline-start] group-data-[selected]:start-4.5" />
        </span>
        {label}
      </Switch>
      {hint ? (
        <p id={hintId} className="ms-12 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
