import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { cn } from '../../../lib/cn';
import type { NumbersDrill } from '../drill-down';

/** A figure that opens the Numbers page filtered to exactly the rows it counts. */
export function NumbersLink({
  drill,
  children,
  label,
  className,
}: {
  drill: NumbersDrill;
  children: ReactNode;
  label?: string;
  className?: string;
}) {
  return (
    <Link
      to="/numbers"
      search={drill}
      aria-label={label}
      data-drill="numbers"
      className={cn(
        'rounded underline decoration-zinc-300 underline-offset-4 hover:text-indigo-700 hover:decoration-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        className,
      )}
    >
      {children}
    </Link>
  );
}
