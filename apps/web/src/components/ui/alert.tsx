import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { AlertIcon, CheckCircleIcon } from './icons';

export function Alert({
  tone = 'error',
  children,
  className,
  ...rest
}: {
  tone?: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  const styles = {
    error: 'border-red-200 bg-red-50 text-red-800',
    success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
    info: 'border-sky-200 bg-sky-50 text-sky-800',
    warning: 'border-amber-300 bg-amber-50 text-amber-900',
  }[tone];
  return (
    <div
      {...rest}
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('flex items-start gap-2 rounded-md border px-3 py-2.5 text-sm', styles, className)}
    >
      {tone === 'success' ? <CheckCircleIcon className="mt-0.5 size-4 shrink-0" /> : <AlertIcon className="mt-0.5 size-4 shrink-0" />}
      <div className="min-w-0">{children}</div>
    </div>
  );
}
