import { useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Button as AriaButton,
  Calendar,
  CalendarCell,
  CalendarGrid,
  CalendarGridBody,
  CalendarGridHeader,
  CalendarHeaderCell,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog as AriaDialog,
  FieldError,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
} from 'react-aria-components';
import type { DateValue } from '@internationalized/date';
import { useTranslation } from 'react-i18next';
import type { Calendar as CompanyCalendar } from '@dialdeck/contracts/common';
import { calendarDateToIso, firstDateSegment, formatCalendarDay, isoToCalendarDate } from '../../lib/calendar-fields';
import { useFieldCalendar } from '../../lib/calendar-fields-hooks';
import { cn } from '../../lib/cn';
import { CalendarIcon, ChevronEndIcon, ChevronStartIcon } from './icons';

/**
 * Shared by the date and range fields: the segment box, the calendar button and the
 * month grid, styled once. React Aria gives the keyboard (arrows and digits in each
 * segment, arrows and Page Up/Down in the grid), the ARIA roles and RTL.
 */
export const fieldGroupClass =
  'flex h-10 w-full min-w-0 items-center gap-1 rounded-md border bg-white ps-3 pe-1 text-sm text-zinc-900 shadow-sm ' +
  'focus-within:outline-2 focus-within:-outline-offset-1 data-[disabled]:bg-zinc-50 data-[disabled]:text-zinc-500';

export function fieldBorderClass(invalid: boolean): string {
  return invalid ? 'border-red-400 focus-within:outline-red-600' : 'border-zinc-300 focus-within:outline-indigo-600';
}

export const segmentClass =
  'rounded px-0.5 tabular-nums outline-none caret-transparent focus:bg-indigo-600 focus:text-white ' +
  'data-[placeholder]:text-zinc-400 focus:data-[placeholder]:text-white data-[type=literal]:px-0';

/** `focusFirst`: the segment a modal should focus first (the one the locale writes first) is marked data-autofocus. */
export function Segments({ className, focusFirst }: { className?: string; focusFirst?: 'year' | 'month' | 'day' }) {
  return (
    // Inline segments, not a flex row: the Unicode bidi algorithm (with the isolates React
    // Aria puts around the segments) then orders them right in RTL — ۱۴۰۵/۰۹/۱۱, 11.12.2026.
    <DateInput className={cn('block min-w-0 flex-1 overflow-hidden whitespace-nowrap', className)}>
      {(segment) => (
        <DateSegment
          segment={segment}
          className={segmentClass}
          data-autofocus={focusFirst && segment.type === focusFirst ? '' : undefined}
        />
      )}
    </DateInput>
  );
}

export function CalendarButton({ label }: { label: string }) {
  return (
    <AriaButton
      aria-label={label}
      className="inline-flex size-8 shrink-0 cursor-pointer items-center justify-center rounded text-zinc-500 outline-none hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[disabled]:cursor-default"
    >
      <CalendarIcon className="size-4" />
    </AriaButton>
  );
}

const cellClass =
  'flex size-9 cursor-pointer items-center justify-center rounded-md text-sm tabular-nums outline-none ' +
  'hover:bg-zinc-100 data-[outside-month]:hidden data-[disabled]:cursor-default data-[disabled]:text-zinc-300 ' +
  'data-[focus-visible]:outline-2 data-[focus-visible]:outline-indigo-600 data-[today]:font-semibold data-[today]:text-indigo-700 ' +
  'data-[selected]:bg-indigo-600 data-[selected]:text-white data-[unavailable]:line-through';

/** The header (previous, month and year, next) and the grid of one month; the chevrons follow the reading direction. */
export function MonthGrid({ range = false }: { range?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="mb-2 flex items-center justify-between gap-2">
        <AriaButton
          slot="previous"
          aria-label={t('dates.previousMonth')}
          className="inline-flex size-8 cursor-pointer items-center justify-center rounded text-zinc-600 outline-none hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <ChevronStartIcon className="size-4" />
        </AriaButton>
        <Heading className="text-sm font-semibold text-zinc-900" />
        <AriaButton
          slot="next"
          aria-label={t('dates.nextMonth')}
          className="inline-flex size-8 cursor-pointer items-center justify-center rounded text-zinc-600 outline-none hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <ChevronEndIcon className="size-4" />
        </AriaButton>
      </header>
      <CalendarGrid className="border-separate border-spacing-0.5">
        <CalendarGridHeader>
          {(day) => <CalendarHeaderCell className="pb-1 text-xs font-medium text-zinc-500">{day}</CalendarHeaderCell>}
        </CalendarGridHeader>
        <CalendarGridBody>
          {(date) => (
            <CalendarCell
              date={date}
              className={cn(
                cellClass,
                range &&
                  'data-[selected]:rounded-none data-[selected]:bg-indigo-100 data-[selected]:text-indigo-900 data-[selection-end]:rounded-e-md data-[selection-end]:bg-indigo-600 data-[selection-end]:text-white data-[selection-start]:rounded-s-md data-[selection-start]:bg-indigo-600 data-[selection-start]:text-white',
              )}
            />
          )}
        </CalendarGridBody>
      </CalendarGrid>
    </>
  );
}

/**
 * The popover's container: inside a native modal <dialog> (the top layer) a popover
 * portalled to <body> would sit under it, inert; it is portalled into that dialog instead.
 */
export function usePortalContainer() {
  const ref = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState<Element | undefined>(undefined);
  const onOpenChange = (open: boolean) => {
    if (open) setContainer(ref.current?.closest('dialog') ?? undefined);
  };
  return { ref, container, onOpenChange };
}

export const popoverClass =
  'rounded-lg border border-zinc-200 bg-white p-3 shadow-lg outline-none data-[entering]:animate-in data-[entering]:fade-in';

export interface DateFieldProps {
  label: string;
  /** The day, Gregorian "YYYY-MM-DD" as the API has it; undefined when empty. */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** The company whose calendar the field shows (default: the signed-in user's). */
  companyCalendar?: CompanyCalendar;
  hint?: ReactNode;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  autoFocus?: boolean;
  /** Days outside are not offered (Gregorian "YYYY-MM-DD"). */
  min?: string;
  max?: string;
  onBlur?: () => void;
  className?: string;
  /** Visually hidden label (it is still the field's accessible name). */
  hideLabel?: boolean;
  name?: string;
}

/**
 * A date field in the reader's calendar (Jalali for Persian readers of a Jalali company,
 * Hebrew for a Hebrew-calendar company, else Gregorian; the Hebrew date beside it for
 * Hebrew readers), typed segment by segment or picked from a month grid.
 */
export function DateField({
  label,
  value,
  onChange,
  companyCalendar,
  hint,
  error,
  isRequired,
  isDisabled,
  autoFocus,
  min,
  max,
  onBlur,
  className,
  hideLabel,
  name,
}: DateFieldProps) {
  const { t } = useTranslation();
  const fields = useFieldCalendar(companyCalendar);
  const picked = useMemo(() => isoToCalendarDate(value, fields.calendar), [value, fields.calendar]);
  const minValue = useMemo(() => isoToCalendarDate(min, fields.calendar) ?? undefined, [min, fields.calendar]);
  const maxValue = useMemo(() => isoToCalendarDate(max, fields.calendar) ?? undefined, [max, fields.calendar]);
  const portal = usePortalContainer();
  const beside = value && fields.secondary ? formatCalendarDay(value, fields.language, fields.secondary) : undefined;

  return (
    <I18nProvider locale={fields.locale}>
      <DatePicker<DateValue>
        ref={portal.ref}
        value={picked}
        onChange={(next) => onChange(next ? calendarDateToIso(next) : undefined)}
        onOpenChange={portal.onOpenChange}
        minValue={minValue}
        maxValue={maxValue}
        isRequired={isRequired}
        isDisabled={isDisabled}
        isInvalid={Boolean(error)}
        autoFocus={autoFocus}
        onBlur={onBlur}
        name={name}
        granularity="day"
        shouldForceLeadingZeros
        className={cn('flex flex-col gap-1.5', className)}
        data-calendar={fields.calendar}
      >
        <Label className={cn('text-sm font-medium text-zinc-800', hideLabel && 'sr-only')}>{label}</Label>
        <Group className={cn(fieldGroupClass, fieldBorderClass(Boolean(error)))}>
          <Segments focusFirst={autoFocus ? firstDateSegment(fields.locale) : undefined} />
          {/* React Aria reads the field's label after this one: "Open the calendar for Last attempt". */}
          <CalendarButton label={t('dates.openCalendar')} />
        </Group>
        {beside ? (
          <Text slot="description" className="text-xs text-zinc-500" data-testid="secondary-date">
            {beside}
          </Text>
        ) : null}
        {hint && !error ? (
          <Text slot={beside ? undefined : 'description'} className="text-xs text-zinc-500">
            {hint}
          </Text>
        ) : null}
        <FieldError className="text-xs font-medium text-red-600">{error}</FieldError>
        <Popover UNSTABLE_portalContainer={portal.container} className={popoverClass}>
          <AriaDialog aria-label={label} className="outline-none">
            <Calendar>
              <MonthGrid />
            </Calendar>
          </AriaDialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
