import { Link } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import { CompanyPicker } from '../../components/layout/company-picker';
import { Alert } from '../../components/ui/alert';
import { Card } from '../../components/ui/card';
import { FunnelIcon } from '../../components/ui/icons';
import { LoadError } from '../../components/ui/load-error';
import { PageHeader } from '../../components/ui/page-header';
import { Spinner } from '../../components/ui/spinner';
import { isolate } from '../../lib/bidi';
import { useCompanyScope } from '../../lib/use-company-scope';
import { useFormat } from '../../lib/use-format';
import { useSchedule } from './api/get-schedule';
import { HolidaysCard } from './components/holidays-card';
import { ScheduleEditor } from './components/schedule-editor';
import type { ScheduleSearch } from './schedule-search';

export interface SchedulePageProps {
  search: ScheduleSearch;
  onSearchChange: (next: ScheduleSearch) => void;
}

export function SchedulePage({ search, onSearchChange }: SchedulePageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me, slug: company, companies, selected, label: companyLabel, searchValue } = useCompanyScope(search.company);
  const timeZone = (company ? selected?.timezone : me.company.timezone) ?? undefined;
  const companyCalendar = (company ? selected?.calendar : me.company.calendar) ?? me.company.calendar;
  // A Hebrew-calendar company is seeded with Israel's holidays whatever its language (the API's holidaySet).
  const companyLocale = companyCalendar === 'hebrew' ? 'he' : ((company ? selected?.locale : me.company.locale) ?? me.company.locale);
  const year = search.year ?? new Date().getFullYear();

  const schedule = useSchedule(company);

  return (
    <>
      <PageHeader
        title={t('schedule.title')}
        description={t('schedule.description', { company: isolate(companyLabel), timeZone: isolate(timeZone ?? '—') })}
        actions={
          <>
            {me.is_superuser ? (
              <CompanyPicker
                companies={companies.data?.items ?? []}
                value={company ?? me.company.name}
                onChange={(slug) => onSearchChange({ ...search, company: searchValue(slug) })}
              />
            ) : null}
            <Link
              to="/dialer"
              search={company ? { company } : {}}
              className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <FunnelIcon className="size-4" />
              {t('schedule.diagnosticsLink')}
            </Link>
          </>
        }
      />

      <div className="space-y-6">
        {schedule.data?.config.disabled_by_dialer ? (
          <Alert tone="warning" className="px-4 py-3" data-testid="disabled-by-dialer">
            <p className="font-semibold">{t('schedule.disabledByDialer.title')}</p>
            <p className="mt-0.5">
              <Trans
                i18nKey="schedule.disabledByDialer.body"
                components={{ code: <code dir="ltr" className="rounded bg-amber-100 px-1 font-mono text-xs whitespace-nowrap" /> }}
              />
            </p>
          </Alert>
        ) : null}

        {schedule.isError && !schedule.data ? (
          <Card>
            <LoadError title={t('schedule.loadError')} error={schedule.error} onRetry={() => void schedule.refetch()} />
          </Card>
        ) : schedule.data ? (
          // A new company starts a new draft.
          <ScheduleEditor key={company ?? ''} schedule={schedule.data} company={company} timeZone={timeZone} format={format} />
        ) : (
          <Card>
            <div role="status" className="flex items-center justify-center gap-3 px-6 py-16 text-sm text-zinc-500">
              <Spinner className="size-5 text-indigo-600" />
              {t('common.loading')}
            </div>
          </Card>
        )}

        <HolidaysCard
          company={company}
          companyLabel={companyLabel}
          companyLocale={companyLocale}
          companyCalendar={companyCalendar}
          skipHolidays={schedule.data?.config.skip_holidays ?? true}
          year={year}
          onYearChange={(next) => onSearchChange({ ...search, year: next === new Date().getFullYear() ? undefined : next })}
          format={format}
        />
      </div>
    </>
  );
}
