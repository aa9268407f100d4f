import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar, Locale } from '@dialdeck/contracts/common';
import type { Holiday } from '@dialdeck/contracts/schedule';
import { actionsColumn } from '../../../components/data-table/common-columns';
import { RowActionButton } from '../../../components/data-table/row-action-button';
import { DataTable, type Column } from '../../../components/data-table/data-table';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { EmptyState } from '../../../components/ui/empty-state';
import { CompactSelect } from '../../../components/ui/form-field';
import { CalendarIcon, PlusIcon, TrashIcon } from '../../../components/ui/icons';
import { LoadError } from '../../../components/ui/load-error';
import { useToast } from '../../../components/ui/toast';
import { isolate } from '../../../lib/bidi';
import { localYearsOf, readDay } from '../../../lib/calendar-dates';
import { calendarIdOf, calendarYearsOf, formatYear } from '../../../lib/calendar-fields';
import { useConfirmMutation } from '../../../lib/use-confirm-mutation';
import type { Formatters } from '../../../lib/use-format';
import { useDeleteHoliday } from '../api/delete-holiday';
import { useHolidays } from '../api/list-holidays';
import { AddHolidayDialog } from './add-holiday-dialog';

export interface HolidaysCardProps {
  company: string | undefined;
  companyLabel: string;
  /** The company's locale decides which official calendar its holidays come from. */
  companyLocale: Locale;
  /** The company's calendar: the year picker and the date field follow it. */
  companyCalendar: Calendar;
  skipHolidays: boolean;
  year: number;
  onYearChange: (year: number) => void;
  format: Formatters;
}

const YEARS_BACK = 1;
const YEARS_AHEAD = 3;

export function HolidaysCard({
  company,
  companyLabel,
  companyLocale,
  companyCalendar,
  skipHolidays,
  year,
  onYearChange,
  format,
}: HolidaysCardProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const list = useHolidays(company, year);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Holiday | null>(null);
  const confirmDelete = useConfirmMutation(useDeleteHoliday(), deleting, ({ date }) => ({ date, company }), {
    onClose: () => setDeleting(null),
    onDone: (holiday) => {
      setDeleting(null);
      toast.success(t('schedule.holidays.deletedToast', { name: isolate(holiday.name), date: dateText(holiday) }));
    },
  });
  const language = i18n.language;
  const titleId = useId();

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK + YEARS_AHEAD + 1 }, (_, i) => thisYear - YEARS_BACK + i);
  if (!years.includes(year)) years.push(year);
  years.sort((a, b) => a - b);

  // The picker leads with the company calendar's years ("۱۴۰۴–۱۴۰۵ (۲۰۲۶)" for a Jalali company);
  // the holidays themselves are listed by Gregorian year, as the API keeps them.
  const calendarId = calendarIdOf(companyCalendar);
  const yearLabel = (y: number) => {
    const plain = formatYear(y, language);
    if (calendarId === 'gregory') {
      const local = localYearsOf(y, language);
      return local ? t('schedule.holidays.yearOption', { year: plain, local }) : plain;
    }
    return t('schedule.holidays.yearOption', { year: plain, local: calendarYearsOf(y, calendarId, language) });
  };

  const dateText = (holiday: Holiday) => {
    const day = readDay(holiday.date, language);
    return day.secondary ? `${day.primary} · ${day.secondary}` : day.primary;
  };

  const columns: Column<Holiday>[] = [
    {
      id: 'date',
      header: t('schedule.holidays.columns.date'),
      className: 'whitespace-nowrap',
      cell: (holiday) => {
        const day = readDay(holiday.date, language);
        return (
          <div>
            <p className="font-medium text-zinc-900">
              <time dateTime={holiday.date}>{day.primary}</time>
              {day.secondary ? <span className="ms-2 font-normal text-zinc-500">· {day.secondary}</span> : null}
            </p>
            <p className="text-xs text-zinc-500">{day.weekday}</p>
          </div>
        );
      },
    },
    { id: 'name', header: t('schedule.holidays.columns.name'), cell: (holiday) => <span className="text-zinc-900">{holiday.name}</span> },
    {
      id: 'source',
      header: t('schedule.holidays.columns.source'),
      cell: (holiday) => (
        <Badge tone={holiday.source === 'company' ? 'info' : 'neutral'}>{t(`schedule.holidays.source.${holiday.source}`)}</Badge>
      ),
    },
    actionsColumn(t('schedule.holidays.columns.actions'), (holiday) => (
      <RowActionButton
        icon={TrashIcon}
        danger
        aria-label={t('schedule.holidays.deleteLabel', { name: holiday.name, date: dateText(holiday) })}
        onClick={() => setDeleting(holiday)}
      >
        {t('common.delete')}
      </RowActionButton>
    )),
  ];

  const yearText = yearLabel(year);
  // Today in the company's zone ("en-CA" writes dates as YYYY-MM-DD), or the start of the year on screen.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: format.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const defaultDate = year === thisYear ? today : `${year}-01-01`;

  return (
    <Card className="overflow-hidden">
      <section aria-labelledby={titleId}>
        <div className="flex flex-wrap items-start justify-between gap-4 border-b border-zinc-100 px-6 py-4">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900">
              {t('schedule.holidays.title')}
            </h2>
            <p className="mt-1 text-sm text-zinc-600">{t(`schedule.holidays.description.${companyLocale}`)}</p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <CompactSelect label={t('schedule.holidays.year')} value={year} onChange={(e) => onYearChange(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {yearLabel(y)}
                </option>
              ))}
            </CompactSelect>
            <Button icon={<PlusIcon className="size-4" />} onClick={() => setAdding(true)}>
              {t('schedule.holidays.add')}
            </Button>
          </div>
        </div>
        <div className="space-y-2 px-6 pt-4">
          {skipHolidays ? null : <Alert tone="info">{t('schedule.holidays.ignoredNote')}</Alert>}
          <p className="text-xs text-zinc-500">{t('schedule.holidays.moveHint')}</p>
        </div>
        {list.isError && !list.data ? (
          <LoadError title={t('schedule.holidays.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <div className="pt-2">
            <DataTable
              caption={`${t('schedule.holidays.title')} ${yearText}`}
              columns={columns}
              rows={list.data?.items}
              rowKey={(holiday) => holiday.date}
              loading={list.isPending}
              refreshing={list.isFetching && list.isPlaceholderData}
              skeletonRows={4}
              empty={
                <EmptyState
                  icon={<CalendarIcon />}
                  title={t('schedule.holidays.empty.title', { year: yearText })}
                  body={t('schedule.holidays.empty.body')}
                />
              }
            />
          </div>
        )}
      </section>

      <AddHolidayDialog
        open={adding}
        company={company}
        defaultDate={defaultDate}
        companyCalendar={companyCalendar}
        onClose={() => setAdding(false)}
        onAdded={(holiday) => {
          setAdding(false);
          const added = Number(holiday.date.slice(0, 4));
          if (added !== year) onYearChange(added);
          toast.success(
            t('schedule.holidays.addedToast', { name: isolate(holiday.name), date: dateText({ ...holiday, source: 'company' }) }),
          );
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('schedule.holidays.deleteTitle')}
        body={
          deleting
            ? t(deleting.source === 'calendar' ? 'schedule.holidays.deleteCalendarBody' : 'schedule.holidays.deleteCompanyBody', {
                name: isolate(deleting.name),
                date: dateText(deleting),
                company: isolate(companyLabel),
              })
            : null
        }
        confirmLabel={t('schedule.holidays.deleteConfirm')}
        {...confirmDelete}
      />
    </Card>
  );
}
