import { Checkbox as AriaCheckbox } from 'react-aria-components';
import { cn } from '../../lib/cn';

export interface CheckboxProps {
  'aria-label': string;
  checked: boolean;
  /** Neither checked nor unchecked: some of a group are selected. */
  indeterminate?: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}

const mark = (mixed: boolean, on: boolean) => (mixed ? <path d="M2.5 6h7" /> : on ? <path d="M2.5 6.5l2.5 2.5 4.5-5" /> : null);

/** A bare checkbox from React Aria (label it with aria-label), for table rows and headers. */
export function Checkbox({ 'aria-label': ariaLabel, checked, indeterminate = false, disabled, onChange, className }: CheckboxProps) {
  return (
    <AriaCheckbox
      aria-label={ariaLabel}
      isSelected={checked}
      isIndeterminate={indeterminate}
      isDisabled={disabled}
      onChange={onChange}
      className={cn('group relative inline-flex cursor-pointer align-middle data-[disabled]:cursor-not-allowed', className)}
    >
      <span
        aria-hidden="true"
        className="flex size-4 items-center justify-center rounded border border-zinc-400 bg-white text-white group-data-[disabled]:opacity-50 group-data-[focus-visible]:outline-2 group-data-[focus-visible]:outline-offset-2 group-data-[focus-visible]:outline-indigo-600 group-data-[indeterminate]:border-indigo-600 group-data-[indeterminate]:bg-indigo-600 group-data-[selected]:border-indigo-600 group-data-[selected]:bg-indigo-600"
      >
        <svg viewBox="0 0 12 12" className="size-3 fill-none stroke-current stroke-2">
          {mark(indeterminate, checked)}
        </svg>
      </span>
    </AriaCheckbox>
  );
}
