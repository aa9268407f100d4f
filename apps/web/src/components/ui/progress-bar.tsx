import { cn } from '../../lib/cn';

export interface ProgressBarProps {
  /** The accessible name, e.g. "Upload progress". */
  label: string;
  /** 0…100; undefined while the end is unknown (an indeterminate bar). */
  value: number | undefined;
  /** What a screen reader announces instead of the bare percentage. */
  valueText?: string;
  className?: string;
}

/**
 * A real progress bar (role="progressbar" with aria-valuenow), or an indeterminate
 * one that sweeps while the total is unknown. The fill grows from the inline start,
 * so it runs right to left in RTL.
 */
export function ProgressBar({ label, value, valueText, className }: ProgressBarProps) {
  const clamped = value === undefined ? undefined : Math.max(0, Math.min(100, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === undefined ? undefined : Math.round(clamped)}
      aria-valuetext={valueText}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-zinc-200', className)}
    >
      {clamped === undefined ? (
        <div className="progress-indeterminate absolute inset-y-0 w-1/3 rounded-full bg-indigo-500" />
      ) : (
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-100 ease-out" style={{ width: `${clamped}%` }} />
      )}
    </div>
  );
}
