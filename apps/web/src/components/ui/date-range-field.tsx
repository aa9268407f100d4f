import { useMemo } from 'react';
import {
  DateFieldContext,
  DateInput,
  DateRangePicker,
  DateSegment,
  Dialog as AriaDialog,
  FieldError,
  Group,
  I18nProvider,
  Label,
  Popover,
  RangeCalendar,
  Text,
  useSlottedContext,
} from 'react-aria-components';
import type { DateValue } from '@internationalized/date';
import { useTranslation } from 'react-i18next';
import type { Calendar as CompanyCalendar } from '@dialdeck/contracts/common';
import { calendarDateToIso, formatCalendarDay, isoToCalendarDate } from '../../lib/calendar-fields';
import { useFieldCalendar } from '../../lib/calendar-fields-hooks';
import { cn } from '../../lib/cn';
import { CalendarButton, fieldBorderClass, MonthGrid, popoverClass, segmentClass, usePortalContainer } from './date-field';

export interface DateRange {
  /** Gregorian "YYYY-MM-DD", as the API has it. */
  start: string | undefined;
  end: string | undefined;
}

export interface DateRangeFieldProps {
  label: string;
  value: DateRange;
  /** Both ends, or neither (a cleared field). */
  onChange: (value: DateRange) => void;
  companyCalendar?: CompanyCalendar;
  error?: string;
  isDisabled?: boolean;
  className?: string;
  /** Visually hidden label (it is still the field's accessible name). */
  hideLabel?: boolean;
}

/**
 * A from–to range of days in the reader's calendar: two sets of segments to type in
 * and one month grid where the first click starts the range and the second ends it.
 */
export function DateRangeField({ label, value, onChange, companyCalendar, error, isDisabled, className, hideLabel }: DateRangeFieldProps) {
  const { t } = useTranslation();
  const fields = useFieldCalendar(companyCalendar);
  const start = useMemo(() => isoToCalendarDate(value.start, fields.calendar), [value.start, fields.calendar]);
  const end = useMemo(() => isoToCalendarDate(value.end, fields.calendar), [value.end, fields.calendar]);
  // One end alone (an old link with only start_date) shows as a range of that one day.
  const range = start || end ? { start: (start ?? end)!, end: (end ?? start)! } : null;
  const portal = usePortalContainer();
  const beside =
    fields.secondary && value.start && value.end
      ? `${formatCalendarDay(value.start, fields.language, fields.secondary)} – ${formatCalendarDay(value.end, fields.language, fields.secondary)}`
      : undefined;

  return (
    <I18nProvider locale={fields.locale}>
      <DateRangePicker<DateValue>
        ref={portal.ref}
        value={range}
        onChange={(next) =>
          onChange(next ? { start: calendarDateToIso(next.start), end: calendarDateToIso(next.end) } : { start: undefined, end: undefined })
        }
        onOpenChange={portal.onOpenChange}
        isDisabled={isDisabled}
        isInvalid={Boolean(error)}
        granularity="day"
        shouldForceLeadingZeros
        className={cn('flex flex-col gap-1', className)}
        data-calendar={fields.calendar}
        data-testid="date-range-field"
      >
        <Label className={cn('text-sm text-zinc-600', hideLabel && 'sr-only')}>{label}</Label>
        <Group
          className={cn(
            'flex h-9 min-w-0 items-center gap-1 rounded-md border bg-white ps-2 pe-0.5 text-sm text-zinc-900 shadow-sm focus-within:outline-2 focus-within:-outline-offset-1',
            fieldBorderClass(Boolean(error)),
          )}
        >
          <RangeEnd slot="start" label={t('dates.rangeStart')} />
          <span aria-hidden="true" className="px-1 text-zinc-400">
            –
          </span>
          <RangeEnd slot="end" label={t('dates.rangeEnd')} />
          {/* React Aria reads the field's label after this one: "Open the calendar for Last attempt". */}
          <CalendarButton label={t('dates.openCalendar')} />
        </Group>
        {beside ? (
          <Text slot="description" className="text-xs text-zinc-500" data-testid="secondary-date">
            {beside}
          </Text>
        ) : null}
        <FieldError className="text-xs font-medium text-red-600">{error}</FieldError>
        <Popover UNSTABLE_portalContainer={portal.container} className={popoverClass}>
          <AriaDialog aria-label={label} className="outline-none">
            <RangeCalendar>
              <MonthGrid range />
            </RangeCalendar>
          </AriaDialog>
        </Popover>
      </DateRangePicker>
    </I18nProvider>
  );
}

/**
 * One end of the range, named in the UI language. React Aria names the ends from its own
 * string tables, which have no Persian ("Start Date" to a Persian screen reader), so the
 * picker's props for this end are passed on with our name.
 */
function RangeEnd({ slot, label }: { slot: 'start' | 'end'; label: string }) {
  const field = useSlottedContext(DateFieldContext, slot);
  return (
    <DateFieldContext.Provider value={{ ...field, 'aria-label': label }}>
      <DateInput className="block whitespace-nowrap" data-range-end={slot}>
        {(segment) => <DateSegment segment={segment} className={segmentClass} />}
      </DateInput>
    </DateFieldContext.Provider>
  );
}
