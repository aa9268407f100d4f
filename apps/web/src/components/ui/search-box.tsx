import { useId, type InputHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { SearchIcon } from './icons';

export interface SearchBoxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'value' | 'onChange' | 'className'> {
  /** The accessible name (a visually hidden label). */
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** Enter: search now rather than after the typing pause. */
  onSubmit: () => void;
  /** The wrapper's width and flex classes. */
  className?: string;
}

/** A search input with a leading icon; `aria-invalid` tints its border. */
export function SearchBox({ label, value, onValue, onSubmit, className, ...input }: SearchBoxProps) {
  const id = useId();
  return (
    <div className={cn('relative', className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
      <input
        {...input}
        id={id}
        type="search"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onSubmit();
        }}
        className="block h-9 w-full rounded-md border border-zinc-300 bg-white ps-9 pe-3 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600 aria-invalid:border-amber-400"
      />
    </div>
  );
}
