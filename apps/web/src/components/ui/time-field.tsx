import { useMemo } from 'react';
import { DateInput, DateSegment, FieldError, I18nProvider, Label, Text, TimeField as AriaTimeField } from 'react-aria-components';
import type { Time } from '@internationalized/date';
import { isoToTime, timeToIso } from '../../lib/calendar-fields';
import { useFieldCalendar } from '../../lib/calendar-fields-hooks';
import { cn } from '../../lib/cn';
import { fieldBorderClass, segmentClass } from './date-field';

export interface TimeFieldProps {
  /** The visible label. */
  label: string;
  /** A fuller accessible name when the visible label is short ("From" → "Saturday, window 1, from"). */
  ariaLabel?: string;
  /** "HH:MM"; "" or undefined when empty. */
  value: string | undefined;
  /** "HH:MM", or "" once a segment is cleared. */
  onChange: (value: string) => void;
  onBlur?: () => void;
  hint?: string;
  error?: string;
  /** The id of an error shown elsewhere that describes this field. */
  errorId?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  className?: string;
  size?: 'sm' | 'md';
}

/**
 * A time of day, hour and minute segments, on the reader's clock: 24 hours in Persian
 * and Hebrew (and English unless the user chose 12 hours on the Profile page), in the
 * locale's digits. Arrow keys step a segment, digits type it.
 */
export function TimeField({
  label,
  ariaLabel,
  value,
  onChange,
  onBlur,
  hint,
  error,
  errorId,
  isRequired,
  isDisabled,
  className,
  size = 'md',
}: TimeFieldProps) {
  const fields = useFieldCalendar();
  const time = useMemo(() => isoToTime(value), [value]);
  const small = size === 'sm';
  const labelClass = small ? 'text-[0.6875rem] font-medium text-zinc-500' : 'text-sm font-medium text-zinc-800';
  return (
    <I18nProvider locale={fields.locale}>
      <AriaTimeField<Time>
        value={time}
        onChange={(next) => onChange(next ? timeToIso(next) : '')}
        onBlur={onBlur}
        hourCycle={fields.hourCycle}
        shouldForceLeadingZeros
        isRequired={isRequired}
        isDisabled={isDisabled}
        isInvalid={Boolean(error) || Boolean(errorId)}
        aria-label={ariaLabel}
        aria-describedby={errorId}
        className={cn('flex flex-col', small ? 'gap-0.5' : 'gap-1.5', className)}
        data-hour-cycle={fields.hourCycle}
      >
        {/* With a fuller accessible name the short visible label is only for the eye: React
            Aria's Label would be read after it ("…, window 1, from From"). */}
        {ariaLabel ? (
          <span aria-hidden="true" className={labelClass}>
            {label}
          </span>
        ) : (
          <Label className={labelClass}>{label}</Label>
        )}
        <DateInput
          className={cn(
            // Inline segments (not flex): the bidi algorithm keeps HH:MM in order in RTL.
            'block w-full min-w-0 overflow-hidden rounded-md border bg-white whitespace-nowrap text-zinc-900 shadow-sm focus-within:outline-2 focus-within:-outline-offset-1 data-[disabled]:bg-zinc-50',
            small ? 'h-8 px-1.5 text-sm leading-[1.875rem]' : 'h-10 px-3 text-sm leading-[2.375rem]',
            fieldBorderClass(Boolean(error) || Boolean(errorId)),
          )}
        >
          {(segment) => <DateSegment segment={segment} className={segmentClass} />}
        </DateInput>
        {hint && !error ? (
          <Text slot="description" className="text-xs text-zinc-500">
            {hint}
          </Text>
        ) : null}
        <FieldError className="text-xs font-medium text-red-600">{error}</FieldError>
      </AriaTimeField>
    </I18nProvider>
  );
}
