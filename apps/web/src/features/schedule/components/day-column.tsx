import { useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { CopyIcon, PlusIcon, TrashIcon } from '../../../components/ui/icons';
import { TimeField } from '../../../components/ui/time-field';
import { isWholeDay } from '../../../lib/calendar-fields';
import { cn } from '../../../lib/cn';
import type { DraftWindow, WindowError, WindowErrorCode } from '../schedule-draft';

export interface DayColumnProps {
  /** The day's name in the UI language. */
  name: string;
  /** The API day number, for tests and debugging (0 = Saturday). */
  apiDay: number;
  windows: DraftWindow[];
  /** Errors to show now (already filtered to touched windows). */
  errorOf: (key: string) => WindowError | undefined;
  disabled?: boolean;
  formatNumber: (value: number) => string;
  onAdd: () => void;
  onRemove: (key: string) => void;
  onChange: (key: string, patch: Partial<Omit<DraftWindow, 'key'>>) => void;
  onBlur: (key: string) => void;
  onCopyToAll: () => void;
}

/** One day of the week: its windows, each with a start and an end, and the day's actions. */
export function DayColumn({
  name,
  apiDay,
  windows,
  errorOf,
  disabled,
  formatNumber,
  onAdd,
  onRemove,
  onChange,
  onBlur,
  onCopyToAll,
}: DayColumnProps) {
  const { t } = useTranslation();
  const legendId = useId();

  const message = (error: WindowErrorCode | { server: string } | undefined): string | undefined => {
    if (!error) return undefined;
    if (typeof error === 'string') return t(`schedule.errors.${error}`);
    return serverReason(error.server, t);
  };

  return (
    <fieldset
      data-testid="schedule-day"
      data-day={apiDay}
      aria-labelledby={legendId}
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-200 bg-zinc-50/60 p-2"
    >
      <div className="px-0.5">
        <h3 id={legendId} className="truncate text-sm font-semibold text-zinc-900">
          {name}
        </h3>
        <p className={cn('text-xs', windows.length === 0 ? 'text-zinc-400' : 'text-zinc-500')}>
          {windows.length === 0
            ? t('schedule.closed')
            : t('schedule.windowsCount', { count: windows.length, n: formatNumber(windows.length) })}
        </p>
      </div>

      {windows.map((w, index) => {
        // Labels read the window's number in the UI's digits ("پنجره ۱").
        const n = formatNumber(index + 1);
        const wholeDay = isWholeDay(w.start, w.end);
        const error = errorOf(w.key);
        const startError = message(error?.start);
        const endError = message(error?.end);
        const errorId = `${legendId}-${w.key}-error`;
        return (
          <div
            key={w.key}
            role="group"
            aria-label={t('schedule.windowGroup', { day: name, n })}
            data-testid="schedule-window"
            className={cn('space-y-1.5 rounded-md border bg-white p-2', startError || endError ? 'border-red-300' : 'border-zinc-200')}
          >
            <div className="flex items-center justify-between gap-1">
              <span className="text-xs font-medium text-zinc-500">{t('schedule.windowTitle', { n })}</span>
              <button
                type="button"
                disabled={disabled}
                onClick={() => onRemove(w.key)}
                aria-label={t('schedule.removeWindow', { day: name, n })}
                title={t('schedule.removeWindow', { day: name, n })}
                className="-m-1 inline-flex size-6 cursor-pointer items-center justify-center rounded text-zinc-400 hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
              >
                <TrashIcon className="size-3.5" />
              </button>
            </div>
            <TimeField
              size="sm"
              label={t('schedule.from')}
              ariaLabel={t('schedule.startLabel', { day: name, n })}
              value={w.start}
              errorId={startError ? errorId : undefined}
              isRequired
              isDisabled={disabled}
              onChange={(start) => onChange(w.key, { start })}
              onBlur={() => onBlur(w.key)}
            />
            <TimeField
              size="sm"
              label={t('schedule.to')}
              ariaLabel={t('schedule.endLabel', { day: name, n })}
              value={w.end}
              errorId={endError ? errorId : undefined}
              isRequired
              isDisabled={disabled}
              onChange={(end) => onChange(w.key, { end })}
              onBlur={() => onBlur(w.key)}
            />
            {/* 00:00 → 00:00 is the whole day, and an end of 00:00 is midnight: say so rather than show two equal times. */}
            {wholeDay || w.end === '00:00' ? (
              <p className="text-[0.6875rem] text-zinc-500" data-testid="window-note">
                {wholeDay ? t('dates.allDay') : t('dates.untilMidnight')}
              </p>
            ) : null}
            {startError || endError ? (
              <p id={errorId} className="text-xs font-medium text-red-600">
                {startError ?? endError}
              </p>
            ) : null}
          </div>
        );
      })}

      <div className="mt-auto flex flex-col gap-1 pt-1">
        <Button
          variant="ghost"
          size="sm"
          className="justify-start"
          disabled={disabled}
          icon={<PlusIcon className="size-3.5" />}
          aria-label={t('schedule.addWindowLabel', { day: name })}
          onClick={onAdd}
        >
          {t('schedule.addWindow')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          className="justify-start text-zinc-500"
          disabled={disabled || windows.length === 0}
          icon={<CopyIcon className="size-3.5" />}
          aria-label={t('schedule.copyToAllLabel', { day: name })}
          title={t('schedule.copyToAllLabel', { day: name })}
          onClick={onCopyToAll}
        >
          {t('schedule.copyToAll')}
        </Button>
      </div>
    </fieldset>
  );
}

/** The API's English reasons for the ones the form knows; anything else is shown as the server wrote it. */
// TFunction, not useTranslation's return type: that one's instantiation grows with the message tree past TypeScript's depth limit.
function serverReason(reason: string, t: TFunction): string {
  if (/end after it starts|start.*before.*end|start ≥ end/i.test(reason)) return t('schedule.errors.endBeforeStart');
  if (/a time such as/i.test(reason)) return t('schedule.errors.invalidTime');
  if (/overlap/i.test(reason)) return t('schedule.errors.overlap');
  return reason;
}
